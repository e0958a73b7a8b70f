"""A regional office's report counts the events recorded for its participants in the web and the
API (issue #12, item 5): not-arrived, programme entries (assessment start, reactivation), the
waiting list, extensions — which named no region and no measure and so fell in no region (its
report showed 0 while its start page showed them). Another region's report does not count them."""

from __future__ import annotations

import datetime as dt

from stufenweg.journeys import services
from tests.factories import PersonFactory

D = dt.date


def _refer(w, person_id, on, by):
    return services.participation_refer(
        person=PersonFactory(person_id=person_id, birth_date=D(1980, 5, 17)),
        programme=w.programme,
        on=on,
        referrer=w.jobcenter_a,
        region=w.region_a,
        by=by,
    ).participation


def test_regional_report_counts_the_events_recorded_for_its_region(w, run):
    office = w.personas["regional"]
    gone = _refer(w, "RR-1", D(2023, 1, 9), office)
    services.participation_not_arrived(participation=gone, on=D(2023, 2, 1), by=office)

    p = _refer(w, "RR-2", D(2023, 1, 9), office)
    services.participation_start_assessment(
        person=p.person, programme=w.programme, on=D(2023, 1, 16), by=office
    )
    services.participation_waitlist(participation=p, on=D(2023, 1, 20), stage=w.s4, by=office)
    services.enrolment_enter(
        participation=p,
        measure=w.measure_m,
        stage=w.s4,
        on=D(2023, 2, 1),
        planned_end=D(2023, 6, 30),
        employment_status="unemployed",
        unemployed_since=D(2020, 1, 1),
        benefit="sgb2",
        by=office,
    )
    services.enrolment_extend(participation=p, on=D(2023, 6, 1), planned_end=D(2023, 9, 30), by=office)
    services.enrolment_exit(participation=p, on=D(2023, 9, 30), kind="regular", by=office)
    services.participation_reactivate(participation=p, on=D(2023, 10, 16), by=office)
    services.participation_waitlist(participation=p, on=D(2023, 10, 20), stage=w.s4, by=office)

    mine = run(region_ids=[w.region_a.pk])
    assert mine.value("flow.not_arrived") == 1
    assert mine.value("flow.programme_entries") == 2
    assert mine.value("flow.reactivations") == 1
    assert mine.value("flow.extensions") == 1
    assert mine.value("flow.waiting") == 1
    assert mine.value("flow.exits") == 1

    theirs = run(region_ids=[w.region_b.pk])
    for indicator in ("flow.not_arrived", "flow.programme_entries", "flow.extensions", "flow.waiting"):
        assert theirs.value(indicator) == 0, indicator
    everyone = run(by=("region",))
    assert everyone.value("flow.programme_entries", region="RA") == 2
