"""Programme flow indicators on hand-built journeys (expected numbers worked out by hand)."""

import datetime as dt

D = dt.date


def test_flow_counts_events_persons_first_entries_and_implicit_exits(w, journey, run):
    # A: referred, did not arrive, referred again, assessment – all in 2023
    a = journey(on=D(2023, 1, 2))
    from stufenweg.journeys import services

    services.participation_not_arrived(participation=a.participation, on=D(2023, 1, 20), by=None)
    services.participation_refer(
        person=a.person,
        programme=w.programme,
        on=D(2023, 3, 1),
        referrer=w.jobcenter_a,
        region=w.region_a,
        by=None,
    )
    a.assess(D(2023, 3, 5))
    # B: assessment without a referral, in region B
    from tests.factories import PersonFactory

    b = PersonFactory()
    services.participation_start_assessment(
        person=b, programme=w.programme, on=D(2023, 2, 1), by=None, region=w.region_b
    )
    # C: first entry in 2022, exit and reactivation in 2023, re-entry
    c = journey(on=D(2022, 11, 1))
    c.assess(D(2022, 12, 1))
    c.enter(D(2022, 12, 15))
    c.exit(D(2023, 2, 28), "regular", ["job_seeking"])
    c.reactivate(D(2023, 4, 1))
    c.enter(D(2023, 4, 10))
    # D: entry into stage 4, planned stage change into stage 3
    d = journey(on=D(2022, 12, 1))
    d.assess(D(2022, 12, 5))
    d.enter(D(2023, 2, 1), measure=w.measure_b, stage=w.s4)
    d.change(D(2023, 6, 1), measure=w.measure_a, stage=w.s3, change="planned")

    r = run()
    assert r.value("flow.referrals") == 2  # A twice; C and D were referred in 2022
    assert r.value("flow.referred_persons") == 1
    assert r.value("flow.not_arrived") == 1
    assert r.value("flow.programme_entries") == 3  # A and B assessments, C reactivation
    assert r.value("flow.programme_first_entries") == 2  # A and B; C's first was in 2022
    assert r.value("flow.reactivations") == 1
    assert r.value("flow.stage_entries") == 3  # C re-entry, D entry, D stage change
    assert r.value("flow.persons_started_stage") == 2
    assert r.value("flow.stage_changes") == 1
    assert r.value("flow.exits") == 2  # C's exit and D's implicit exit
    assert r.value("flow.active") == 2  # C and D are in a measure on 31.12.2023

    by_change = run(by=("change",))
    assert by_change.value("flow.stage_changes", change="planned") == 1
    assert by_change.value("flow.stage_changes", change="unplanned") == 0
    assert by_change.value("flow.stage_entries", change="") == 2  # entries have no change
    assert by_change.value("flow.exits", change="planned") == 1  # the implicit exit
    assert by_change.value("flow.exits", change="") == 1

    by_region = run(by=("region",))
    assert by_region.value("flow.referrals", region="RA") == 2
    assert by_region.value("flow.programme_entries", region="RB") == 1  # B's assessment names region B
    # A's assessment and C's reactivation name no region: they get the participation's (issue #12)
    assert by_region.value("flow.programme_entries", region="RA") == 2
    assert by_region.value("flow.programme_entries", region="") == 0
    # the exit's region is that of the enrolment it ends: D left stage 4 in measure_b (region B)
    assert by_region.value("flow.exits", region="RB") == 1
    assert by_region.value("flow.exits", region="RA") == 1

    by_stage = run(by=("stage",))
    assert by_stage.value("flow.exits", stage="S4") == 1
    assert by_stage.value("flow.exits", stage="S3") == 1
    assert by_stage.value("flow.active", stage="S3") == 2
    assert by_stage.row("flow.active", stage="S4") is None


def test_active_and_waiting_on_the_as_of_date(w, journey, run):
    e = journey()
    e.assess()
    e.waitlist(D(2023, 5, 1))
    f = journey()
    f.assess()
    f.waitlist(D(2023, 5, 1))
    f.enter(D(2023, 6, 1))
    f.exit(D(2023, 9, 30), "regular")

    r = run()
    assert r.value("flow.waiting") == 1  # E; F entered
    assert r.value("flow.active") == 0  # F exited before 31.12.
    mid_may = run(as_of=D(2023, 5, 15))
    assert mid_may.value("flow.waiting") == 2
    summer = run(as_of=D(2023, 7, 1))
    assert summer.value("flow.active") == 1
    assert summer.value("flow.exits") == 0  # the exit happens after the as-of date
    by_stage = run(by=("stage",))
    assert by_stage.value("flow.waiting", stage="S3") == 1


def test_extensions_and_extension_share(w, journey, run):
    a = journey()
    a.assess()
    a.enter(D(2023, 2, 1), planned_end=D(2023, 8, 1))
    a.extend(D(2023, 7, 1), D(2023, 12, 1))
    a.extend(D(2023, 11, 1), D(2024, 1, 31))
    b = journey()
    b.assess()
    b.enter(D(2023, 3, 1), planned_end=D(2023, 9, 1))
    c = journey(on=D(2022, 10, 1))
    c.assess(D(2022, 11, 1))
    c.enter(D(2022, 12, 1), planned_end=D(2023, 6, 1))
    c.extend(D(2022, 12, 20), D(2023, 6, 15))  # before the period: not counted
    c.extend(D(2023, 5, 1), D(2023, 11, 1))  # an extension in the period of an enrolment entered before

    r = run()
    assert r.value("flow.extensions") == 3
    # enrolments entered in 2023: A (extended twice) and B (not) -> 1 / 2
    assert r.frac("prog.extension_share") == (1, 2)
    assert r.value("prog.extension_share") == 0.5
