"""services.csv: two referrals of one participation to the same kind of service planned on the same
day (a declined one planned again the same day, two providers asked at once) are two referrals —
the web records them, so the export writes both rows and the import takes both (a repeated key is
one more referral, as the mentoring log's repeated entries); the round trip stays identical and a
second import of the same file adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import Participation
from stufenweg.support import services
from stufenweg.support.models import ServiceReferral
from tests.interchange.helpers import flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

HEADER = "person_id,programme,kind,provider,planned_on,referred_on,started_on,ended_on,declined_on\n"
DECLINED = "P2,JPS,debt,Schuldnerberatung Torgau,2022-03-01,,,,2022-03-05\n"
REFERRED = "P2,JPS,debt,Schuldnerberatung Eilenburg,2022-03-01,2022-03-10,,,\n"
STARTED = "P2,JPS,debt,Schuldnerberatung Eilenburg,2022-03-01,2022-03-10,2022-04-01,,\n"


def _referrals() -> list[tuple]:
    return list(
        ServiceReferral.objects.order_by("id").values_list(
            "kind", "provider", "status", "planned_on", "referred_on", "started_on", "declined_on"
        )
    )


def test_two_referrals_of_one_kind_planned_on_one_day_export_and_import_whole(dataset, tmp_path):
    assert lines(import_exchange(dataset())) == []
    p2 = Participation.objects.get(person__person_id="P2")
    on = dt.date(2022, 3, 1)
    # recorded on the participant page: the first declined, then another service asked the same day
    first = services.service_referral_plan(
        participation=p2, kind="debt", on=on, provider="Schuldnerberatung Torgau", by=None
    )
    services.service_referral_advance(referral=first, status="declined", on=dt.date(2022, 3, 5), by=None)
    second = services.service_referral_plan(
        participation=p2, kind="debt", on=on, provider="Schuldnerberatung Eilenburg", by=None
    )
    services.service_referral_advance(referral=second, status="referred", on=dt.date(2022, 3, 10), by=None)
    recorded = _referrals()

    out = tmp_path / "out"
    programme_export(programme_code="JPS", path=out)
    assert (out / "services.csv").read_bytes().decode() == (HEADER + DECLINED + REFERRED).replace(
        "\n", "\r\n"
    )

    again = import_exchange(out)  # into the same database: both are there already
    assert lines(again) == []
    assert again.counts["services.csv"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert _referrals() == recorded

    flush_domain_tables()
    result = import_exchange(out)
    assert lines(result) == []
    assert result.counts["services.csv"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert _referrals() == recorded
    programme_export(programme_code="JPS", path=tmp_path / "second")
    assert read_dir(out) == read_dir(tmp_path / "second")


def test_a_repeated_key_is_matched_by_its_dates_and_moved_on(dataset):
    assert lines(import_exchange(dataset(services_csv=HEADER + DECLINED))) == []
    # the source's later list: the second referral has been added and started, in another order
    result = import_exchange(dataset(services_csv=HEADER + STARTED + DECLINED))
    assert lines(result) == []
    assert result.counts["services.csv"] == {"created": 1, "updated": 0, "unchanged": 1}
    assert [r[2] for r in _referrals()] == ["declined", "started"]

    again = import_exchange(dataset(services_csv=HEADER + DECLINED + STARTED))
    assert again.counts["services.csv"] == {"created": 0, "updated": 0, "unchanged": 2}
    ended = STARTED.replace("2022-04-01,,", "2022-04-01,2022-06-30,")
    moved = import_exchange(dataset(services_csv=HEADER + ended + DECLINED))
    assert lines(moved) == []
    assert moved.counts["services.csv"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert [r[2] for r in _referrals()] == ["declined", "ended"]


def test_a_repeated_key_whose_dates_differ_from_stufenwegs_is_still_a_problem(dataset):
    assert lines(import_exchange(dataset(services_csv=HEADER + DECLINED))) == []
    other = DECLINED.replace("2022-03-05", "2022-03-06")
    result = import_exchange(dataset(services_csv=HEADER + other))
    assert lines(result) == [
        "services.csv, Zeile 2, Spalte declined_on: Die Vermittlung hat in Stufenweg ein anderes Datum "
        "(2022-03-05); eine Korrektur geht über die Fallakte."
    ]
    assert len(_referrals()) == 1
