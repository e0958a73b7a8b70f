"""``stufenweg demo`` prepares once; a second start does not load again."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stufenweg.demo.catalogue.common import DEMO_PASSWORD
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person


def test_second_start_does_not_load_again(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    out = io.StringIO()
    call_command("demo", "--no-serve", "--scale", "0.03", stdout=out)
    first = out.getvalue()
    assert "werden geladen" in first
    assert "http://127.0.0.1:8000/" in first
    assert "rb.bautzen" in first and "datenschutz" in first and DEMO_PASSWORD in first
    assert (tmp_path / "data").is_dir()
    persons, events = Person.objects.count(), JourneyEvent.objects.count()
    assert persons > 0

    out = io.StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=out)
    second = out.getvalue()
    assert "bereits geladen" in second and "werden geladen" not in second
    assert "http://127.0.0.1:8123/" in second
    assert (Person.objects.count(), JourneyEvent.objects.count()) == (persons, events)


def test_load_demo_refuses_a_second_load(db):
    call_command("load_demo", "--scale", "0.03", stdout=io.StringIO())
    with pytest.raises(CommandError, match="bereits geladen"):
        call_command("load_demo", "--scale", "0.03", stdout=io.StringIO())


def test_reset_only_deletes_a_sqlite_file_in_the_data_folder(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--no-serve", "--reset", stdout=io.StringIO())
