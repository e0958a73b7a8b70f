"""Only a writing member of the coordination office runs imports (issue #11, finding 2).

A read-only member of the coordination office (the demo's ``lesend``) uploaded an import that
wrote a person and a referral: the upload page checked only that the user sees everything. Now
the import itself refuses a user without a writing role there (web task, command line, direct
call), and the page answers 403 before anything is stored — also for a dry run, which stores the
uploaded social data while it runs and keeps its problem list. The member still sees the page and
the past runs.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.importer import import_exchange
from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.permissions import ImportNotAllowed
from stufenweg.interchange.tasks import import_run_execute
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.organisations.models import Membership
from stufenweg.people.models import Person
from tests.factories import MembershipFactory, UserFactory
from tests.interchange.conftest import BASE, write_files

pytestmark = pytest.mark.django_db

REFUSAL = "Importe dürfen nur Mitglieder der Regiestelle mit schreibender Rolle"
# the data set's codes differ from the world's (JPS, MA exist there already)
FILES = {
    name: text.replace("JPS", "JPX").replace(",MA,", ",MX,").replace("MA,Maß", "MX,Maß")
    for name, text in BASE.items()
}


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    return settings.STUFENWEG_IMPORT_DIR


@pytest.fixture
def reader(world):
    """Read-only at the coordination office: sees everything, may change nothing."""
    return MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.coordination, role=Membership.Role.READ_ONLY
    ).user


def _zip() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in FILES.items():
            archive.writestr(name, text.encode())
    return SimpleUploadedFile("daten.zip", buffer.getvalue(), content_type="application/zip")


def _nothing_written() -> None:
    assert ImportRun.objects.count() == 0
    assert not Person.objects.exists()
    assert not Participation.objects.exists()
    assert not JourneyEvent.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_read_only_member_cannot_upload(client, reader, import_dir, dry_run):
    client.force_login(reader)
    data = {"files": _zip(), **({"dry_run": "on"} if dry_run else {})}
    response = client.post(reverse("interchange:upload"), data)
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    _nothing_written()
    assert not import_dir.exists() or not any(import_dir.iterdir())  # the upload was not stored


def test_read_only_member_sees_the_page_and_past_runs_without_the_form(client, world, reader):
    run = ImportRun.objects.create(source_kind="csv", created_by=world.personas["coordinator"])
    client.force_login(reader)
    page = client.get(reverse("interchange:upload"))
    assert page.status_code == 200
    body = page.content.decode()
    assert REFUSAL in body
    assert 'enctype="multipart/form-data"' not in body
    assert reverse("interchange:run_detail", args=[run.pk]) in body
    assert client.get(reverse("interchange:run_detail", args=[run.pk])).status_code == 200


def test_coordination_caseworker_still_imports(client, world):
    client.force_login(world.personas["coordinator"])
    response = client.post(reverse("interchange:upload"), {"files": _zip()})
    assert response.status_code == 302
    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    assert JourneyEvent.objects.filter(participation__programme__code="JPX").count() == 13


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_the_import_service_refuses_a_read_only_member(tmp_path, reader, dry_run):
    with pytest.raises(ImportNotAllowed, match=REFUSAL):
        import_exchange(write_files(tmp_path / "in", FILES), by=reader, dry_run=dry_run)
    _nothing_written()


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "dpo", "outsider"])
def test_the_import_service_refuses_everyone_outside_the_coordination_office(tmp_path, world, persona):
    with pytest.raises(ImportNotAllowed):
        import_exchange(write_files(tmp_path / "in", FILES), by=world.personas[persona])
    _nothing_written()


def test_statistics_role_at_the_coordination_office_may_not_import(tmp_path, world):
    statistician = MembershipFactory(organisation=world.coordination, role=Membership.Role.STATISTICS).user
    with pytest.raises(ImportNotAllowed):
        import_exchange(write_files(tmp_path / "in", FILES), by=statistician)
    _nothing_written()


def test_a_role_taken_away_after_the_upload_stops_the_queued_run(tmp_path, world):
    """The background task runs the import as the uploader: the check happens again when it
    runs, so a run queued before the role was taken away writes nothing and says why."""
    uploader = world.personas["coordinator"]
    directory = write_files(tmp_path / "run" / "csv", FILES).parent
    run = ImportRun.objects.create(source_kind="csv", created_by=uploader, upload_dir=str(directory))
    Membership.objects.filter(user=uploader).update(role=Membership.Role.READ_ONLY)
    import_run_execute.call(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert REFUSAL in run.error
    assert not Person.objects.filter(person_id="P1").exists()
    assert not JourneyEvent.objects.exists()


def _command(*args) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def test_the_command_refuses_a_read_only_user(tmp_path, reader):
    code, message = _command(str(write_files(tmp_path / "in", FILES)), "--user", "lesend")
    assert code == 2
    assert REFUSAL in message
    _nothing_written()


def test_the_command_runs_as_the_system_or_as_a_writing_coordination_member(tmp_path, world):
    path = str(write_files(tmp_path / "in", FILES))
    assert _command(path, "--dry-run")[0] == 0  # no --user: the system (the operator's shell)
    code, output = _command(path, "--user", "koordination")
    assert code == 0, output
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, object_type="people.person").first()
    assert entry.actor == world.personas["coordinator"]
