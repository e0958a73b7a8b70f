"""flow.closures_before_entry on hand-built journeys: exits with no enrolment open, in the period,
by region; not counted as exits of a participant; a closure ends the wait (figures by hand)."""

import datetime as dt

from stufenweg.journeys import services

D = dt.date


def test_closures_before_entry_are_counted_by_hand(w, journey, run):
    # A (region A): waitlisted, closed into work on 15.03.2023 -> closure, no longer waiting
    a = journey(on=D(2023, 1, 2))
    a.assess(D(2023, 1, 9))
    a.waitlist(D(2023, 2, 1))
    a.exit(D(2023, 3, 15), "early_positive", ["employed_svb"], reason="Arbeit gefunden")
    # B (region B): closed while referred on 20.01.2023 -> closure
    b = journey(on=D(2023, 1, 5), region=w.region_b, referrer=w.jobcenter_b)
    b.exit(D(2023, 1, 20), "early_neutral", reason="verzogen")
    # C (region A): closed in the assessment on 20.12.2022 -> before the period
    c = journey(on=D(2022, 12, 1))
    c.assess(D(2022, 12, 5))
    c.exit(D(2022, 12, 20), "early_neutral", reason="zurückgezogen")
    # D (region A): an exit from a measure, re-referred, closed while referred -> one closure
    d = journey(on=D(2022, 11, 1))
    d.assess(D(2022, 11, 7))
    d.enter(D(2022, 12, 1))
    d.exit(D(2023, 4, 28), "regular", ["job_seeking"])
    services.participation_refer(
        person=d.person,
        programme=w.programme,
        on=D(2023, 7, 3),
        referrer=w.jobcenter_a,
        region=w.region_a,
        by=None,
    )
    d.exit(D(2023, 7, 20), "early_neutral", reason="nicht erreichbar")
    # E (region A): still waiting
    e = journey(on=D(2023, 2, 1))
    e.assess(D(2023, 2, 6))
    e.waitlist(D(2023, 2, 20))

    r = run()
    assert r.value("flow.closures_before_entry") == 3  # A, B, D's second exit
    assert r.value("flow.exits") == 1  # D's exit from the measure only
    assert r.value("exit.cases") == 1
    assert r.value("flow.waiting") == 1  # E; A was closed
    by_region = run(by=("region",))
    assert by_region.value("flow.closures_before_entry", region="RA") == 2
    assert by_region.value("flow.closures_before_entry", region="RB") == 1
    # until 31.03.2023: A and B
    assert run(D(2023, 1, 1), D(2023, 3, 31)).value("flow.closures_before_entry") == 2
