"""An import run's problem list quotes cell values (social data the erasure cannot find); it is
deleted after STUFENWEG_IMPORT_PROBLEM_DAYS by the daily privacy job, and only the count stays."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.retention import purge_problem_lists

pytestmark = pytest.mark.django_db

PROBLEM = ["persons.csv", 7, "birth_date", "1984-02-31", "1984-02-31 ist kein gültiges Datum"]


def _run(days_ago: float, problems=(PROBLEM,), status=ImportRun.Status.REJECTED) -> ImportRun:
    created = timezone.now() - dt.timedelta(days=days_ago)
    return ImportRun.objects.create(
        created_at=created,
        finished_at=created,
        status=status,
        source_kind="csv",
        problems=[list(p) for p in problems],
        problem_count=len(problems),
    )


def test_lists_older_than_the_retention_time_are_deleted_and_the_count_stays(settings):
    settings.STUFENWEG_IMPORT_PROBLEM_DAYS = 30
    old, recent, clean = _run(31), _run(29), _run(40, problems=(), status=ImportRun.Status.DONE)
    assert purge_problem_lists(dry_run=True) == 1
    assert ImportRun.objects.get(pk=old.pk).problems == [PROBLEM]  # a dry run deletes nothing
    assert purge_problem_lists() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    clean.refresh_from_db()
    assert old.problems == [] and old.problem_count == 1 and old.problems_purged
    assert recent.problems == [PROBLEM] and not recent.problems_purged
    assert clean.problems == [] and not clean.problems_purged  # nothing to delete
    assert purge_problem_lists() == 0  # done once


def test_the_daily_privacy_command_deletes_them(settings):
    settings.STUFENWEG_IMPORT_PROBLEM_DAYS = 10
    run = _run(11)
    out = StringIO()
    call_command("anonymise_expired", "--dry-run", stdout=out)
    assert "1 Importläufe mit abgelaufener Problemliste." in out.getvalue()
    call_command("anonymise_expired", stdout=out)
    assert "1 Problemlisten von Importläufen gelöscht." in out.getvalue()
    run.refresh_from_db()
    assert run.problems_purged


def test_the_run_page_says_the_list_was_deleted(client, world, settings):
    settings.STUFENWEG_IMPORT_PROBLEM_DAYS = 30
    run = _run(31)
    purge_problem_lists()
    client.force_login(world.personas["coordinator"])
    page = client.get(reverse("interchange:run_detail", args=[run.pk])).content.decode()
    assert "1 Problem gefunden; es wurde nichts geschrieben." in page
    assert "Die Liste der Probleme wurde nach 30 Tagen gelöscht" in page
    assert "1984-02-31" not in page
    assert "<table" not in page.split("Die Liste der Probleme")[1].split("</main>")[0]


def test_the_run_page_in_english(client, world, settings):
    settings.STUFENWEG_IMPORT_PROBLEM_DAYS = 30
    run = _run(31)
    purge_problem_lists()
    client.force_login(world.personas["coordinator"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("interchange:run_detail", args=[run.pk])).content.decode()
    assert "1 problem found; nothing was written." in page
    assert "The list of problems was deleted after 30 days" in page
