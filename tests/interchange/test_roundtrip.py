"""Export -> import into an empty database -> export gives byte-identical files."""

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from tests.interchange.helpers import flush_domain_tables, read_dir

pytestmark = pytest.mark.django_db


def _round_trip(tmp_path, programme, **options):
    first = tmp_path / "first"
    programme_export(programme_code=programme, path=first, **options)
    flush_domain_tables()
    assert JourneyEvent.objects.count() == 0
    result = import_exchange(first)
    assert result.problems == [], result.problems[:5]
    second = tmp_path / "second"
    programme_export(programme_code=programme, path=second, **options)
    return read_dir(first), read_dir(second)


def test_round_trip_of_the_synthetic_set(dataset, tmp_path):
    import_exchange(dataset())
    first, second = _round_trip(tmp_path, "JPS")
    assert first == second
    events = first["events.csv"].decode()
    assert "E9,P2,JPS,entry,2022-02-03,2022-02-04T09:00:00.250000+01:00" in events  # correction, microseconds
    assert ",void,2022-08-01,2022-08-02T10:00:00+02:00,,,,E11," in events  # void with its target


def test_round_trip_of_events_recorded_through_the_ui(world, person, tmp_path):
    """Events from the single-event services (recorded_at = now, microseconds) survive too."""
    from tests.conftest import enter, start_journey

    participation = start_journey(world, person)
    entry = enter(world, participation, planned_end=dt.date(2022, 12, 31))
    services.journey_event_correct(event=entry, by=None, reason="Tippfehler", occurred_on=dt.date(2022, 2, 2))
    first, second = _round_trip(tmp_path, "JPS")
    assert first == second
    recorded = timezone.localtime(JourneyEvent.objects.get(supersedes__isnull=False).recorded_at)
    assert recorded.isoformat() in first["events.csv"].decode()


def test_round_trip_of_the_demo_data(tmp_path):
    from django.core.management import call_command

    call_command("load_demo", scale=0.02, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from stufenweg.programmes.models import Programme

    codes = list(Programme.objects.order_by("code").values_list("code", flat=True))
    assert codes
    first_dir = tmp_path / "first"
    for code in codes:
        programme_export(programme_code=code, path=first_dir / code)
    first = {code: read_dir(first_dir / code) for code in codes}
    assert sum(len(files["events.csv"].splitlines()) for files in first.values()) > 100
    flush_domain_tables()
    for code in codes:
        result = import_exchange(first_dir / code)
        assert result.problems == [], (code, [str(p) for p in result.problems[:5]])
    for code in codes:
        programme_export(programme_code=code, path=tmp_path / "second" / code)
        assert read_dir(tmp_path / "second" / code) == first[code], code


def test_round_trip_of_the_excel_variant(dataset, tmp_path):
    import_exchange(dataset())
    first, second = _round_trip(tmp_path, "JPS", separator=";", bom=True)
    assert first == second
    assert first["events.csv"].startswith("\ufeff".encode())
