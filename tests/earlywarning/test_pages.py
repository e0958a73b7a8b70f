"""The worklist, the decision, the model page and its report, as the users meet them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework.models import Contact, ContactKind
from stufenweg.core.models import AuditEntry
from stufenweg.earlywarning.models import Decision, ProgrammeSetting, RiskModel
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def quiet(world):
    """Schulz, Anna: entered, with a contact today, so below the threshold."""
    person = make_person("Schulz", "Anna", "P-1002")
    p = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, p, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    Contact.objects.create(participation=p, kind=ContactKind.PHONE, occurred_on=timezone.localdate())
    p.refresh_from_db()
    return p


def test_the_worklist_shows_the_warned_with_reasons_and_records_the_read(world, journey, quiet, model):
    user = world.personas["regional"]
    response = client_for(user).get(reverse("earlywarning:worklist"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Müller, Jürgen" in body  # no contact since the entry: far above the threshold
    assert "Schulz, Anna" not in body  # a contact today: risk 5 %
    assert "seit 365 Tagen kein Kontakt" in body
    assert AuditEntry.objects.filter(
        actor=user, action="read", person=journey.person, purpose="Frühwarnung"
    ).exists()
    assert not AuditEntry.objects.filter(action="read", person=quiet.person).exists()


def test_the_worklist_shows_only_what_the_user_sees(world, journey, model):
    other_region = world.personas["jobcenter"]  # Jobcenter A referred the journey: sees it
    assert "Müller, Jürgen" in client_for(other_region).get(reverse("earlywarning:worklist")).content.decode()
    from tests.factories import MembershipFactory, UserFactory

    regional_b = MembershipFactory(user=UserFactory(username="rb_b"), organisation=world.regional_b).user
    body = client_for(regional_b).get(reverse("earlywarning:worklist")).content.decode()
    assert "Müller" not in body
    assert "Derzeit keine Warnungen" in body


def test_only_my_cases(world, journey, model):
    user = world.personas["regional"]
    url = reverse("earlywarning:worklist") + "?meine=1"
    assert "Müller" not in client_for(user).get(url).content.decode()
    journey.caseworker = user
    journey.save(update_fields=["caseworker"])
    assert "Müller" in client_for(user).get(url).content.decode()


def test_switched_off_the_worklist_says_so(world, journey, model):
    ProgrammeSetting.objects.filter(programme=world.programme).update(enabled=False)
    body = client_for(world.personas["regional"]).get(reverse("earlywarning:worklist")).content.decode()
    assert "Müller" not in body
    assert "Frühwarnung nicht eingeschaltet" in body


def test_roles_without_persons_are_refused(world, model):
    for persona in ("dpo", "outsider"):
        assert client_for(world.personas[persona]).get(reverse("earlywarning:worklist")).status_code == 403


def test_a_decision_is_recorded_with_risk_reasons_and_audit(world, journey, model):
    user = world.personas["regional"]
    url = reverse("earlywarning:decide", args=[journey.pk])
    page = client_for(user).get(url)
    assert page.status_code == 200 and "seit 365 Tagen kein Kontakt" in page.content.decode()
    response = client_for(user).post(url, {"outcome": "confirmed", "note": "Hausbesuch geplant."})
    assert response.status_code == 302
    decision = Decision.objects.get(participation=journey)
    assert (decision.outcome, decision.model_id, decision.decided_by) == ("confirmed", model.pk, user)
    assert decision.note == "Hausbesuch geplant."
    assert decision.risk > 0.99
    assert decision.reasons[0]["feature"] == "days_without_contact"
    entry = AuditEntry.objects.get(action="create", object_type="earlywarning.decision")
    assert entry.person_id == journey.person_id and entry.actor == user
    # decided: the worklist shows the decision instead of the button
    body = client_for(user).get(reverse("earlywarning:worklist")).content.decode()
    assert "bestätigt" in body
    assert (
        "Müller" not in client_for(user).get(reverse("earlywarning:worklist") + "?offen=1").content.decode()
    )


def test_a_decision_needs_an_outcome_and_says_so(world, journey, model):
    response = client_for(world.personas["regional"]).post(
        reverse("earlywarning:decide", args=[journey.pk]), {"note": "x"}
    )
    assert response.status_code == 422
    assert "Bitte wählen Sie, ob Sie die Warnung bestätigen oder verwerfen." in response.content.decode()
    assert not Decision.objects.exists()


def test_the_service_refuses_a_reader(world, journey, model, read_only):
    from django.core.exceptions import PermissionDenied

    from stufenweg.earlywarning.services import decision_record

    with pytest.raises(PermissionDenied):
        decision_record(participation=journey, outcome="dismissed", by=read_only)
    with pytest.raises(PermissionDenied):
        decision_record(participation=journey, outcome="dismissed", by=world.personas["jobcenter"])
    assert not Decision.objects.exists()


def test_the_participant_page_shows_a_small_notice(world, journey, model):
    url = reverse("casework:participant_detail", args=[journey.person_id]) + f"?teilnahme={journey.pk}"
    body = client_for(world.personas["regional"]).get(url).content.decode()
    assert "Frühwarnung: erhöhtes Abbruchrisiko" in body
    assert reverse("earlywarning:decide", args=[journey.pk]) in body
    ProgrammeSetting.objects.filter(programme=world.programme).update(enabled=False)
    body = client_for(world.personas["regional"]).get(url).content.decode()
    assert "Frühwarnung" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_model_page_shows_coefficients_and_fairness(world, model):
    body = (
        client_for(world.personas["provider"])
        .get(reverse("earlywarning:programme_model", args=[world.programme.pk]))
        .content.decode()
    )
    assert "Tage seit dem letzten Kontakt" in body
    assert "Fairness-Prüfung" in body and "weiblich" in body
    assert "Modell neu trainieren" not in body  # only the coordination office's writers


def test_the_office_switches_and_retrains(world, journey, django_capture_on_commit_callbacks):
    user = world.personas["coordinator"]
    client = client_for(user)
    url = reverse("earlywarning:setting_change", args=[world.programme.pk])
    response = client.post(url, {"enabled": "on", "horizon_days": "5"})
    assert response.status_code == 422
    assert "zwischen 14 und 365 Tagen" in response.content.decode()
    assert client.post(url, {"enabled": "on", "horizon_days": "120"}).status_code == 302
    setting = ProgrammeSetting.objects.get(programme=world.programme)
    assert (setting.enabled, setting.horizon_days, setting.changed_by) == (True, 120, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("earlywarning:training_request", args=[world.programme.pk]))
    model = RiskModel.objects.get(programme=world.programme)
    assert model.horizon_days == 120
    assert model.status == RiskModel.Status.FAILED  # one journey is too little to learn from
    assert "Zu wenige" in model.message


def test_the_xlsx_report(world, model):
    from openpyxl import load_workbook

    response = client_for(world.personas["coordinator"]).get(
        reverse("earlywarning:fairness_xlsx", args=[world.programme.pk])
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Modell", "Koeffizienten", "Fairness"]
    rows = list(book["Fairness"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Merkmal", "Gruppe", "Personen")
    assert rows[1][:3] == ("Geschlecht", "weiblich", 9)
    assert rows[4][:3] == ("Altersgruppe", "55+", "*")


def test_a_stage_reason_names_the_stage_of_the_programme(world, journey):
    from stufenweg.earlywarning.models import ProgrammeSetting
    from tests.earlywarning.helpers import hand_model

    ProgrammeSetting.objects.create(programme=world.programme, enabled=True)
    hand_model(world.programme, stage_S3=4.0, intercept=-2.0)  # risk 0.88 in stage 3, 0.12 elsewhere
    body = client_for(world.personas["regional"]).get(reverse("earlywarning:worklist")).content.decode()
    assert "Stufe „Stufe 3 – IEB“" in body
    assert "88 %" in body
