"""Programme results: dropout into a job, the 28-day window, the 6-month point, follow-ups."""

import datetime as dt

D = dt.date


def _exited(journey, exit_on, kind="regular", statuses=(), entry=D(2023, 2, 1), **kw):
    j = journey(**kw)
    j.assess()
    j.enter(entry)
    j.exit(exit_on, kind, statuses)
    return j


def test_dropout_into_a_job(w, journey, run):
    j = _exited(journey, D(2023, 5, 15), "early_negative")
    j.job(D(2023, 5, 25), "svb")
    r = run()
    assert r.frac("prog.dropout_rate") == (1, 1)
    assert r.frac("prog.success_rate") == (0, 1)
    assert r.frac("prog.work_after_exit_rate") == (1, 1)
    assert r.frac("prog.work_after_completion_rate") == (0, 0)
    assert r.value("prog.work_after_completion_rate") is None  # denominator 0 -> null


def test_job_on_exit_plus_28_days_counts_plus_29_does_not(w, journey, run):
    a = _exited(journey, D(2023, 3, 31))
    a.job(D(2023, 4, 28), "svb")  # exit + 28 days
    b = _exited(journey, D(2023, 3, 31))
    b.job(D(2023, 4, 29), "svb")  # exit + 29 days
    c = _exited(journey, D(2023, 3, 31))
    c.job(D(2023, 4, 10), "minijob")  # employed, but not "in work" by default
    r = run()
    assert r.frac("prog.work_after_exit_rate") == (1, 3)
    assert r.frac("prog.work_after_completion_rate") == (1, 3)
    assert r.frac("prog.follow_on_rate") == (2, 3)  # any kind within the window: A and C


def test_in_work_setting_and_window_come_from_the_programme(w, journey, run):
    c = _exited(journey, D(2023, 3, 31))
    c.job(D(2023, 5, 5), "minijob")  # 35 days after the exit
    programme = w.programme
    programme.in_work_kinds = ["svb", "self_employed", "minijob"]
    programme.upon_leaving_days = 40
    programme.save()
    assert run().frac("prog.work_after_exit_rate") == (1, 1)


def test_a_job_that_ended_before_the_exit_does_not_count(w, journey, run):
    j = journey()
    j.assess()
    j.enter(D(2023, 2, 1))
    j.job(D(2023, 2, 10), "svb", end_date=D(2023, 3, 1))
    j.exit(D(2023, 3, 31), "regular")
    k = journey()
    k.assess()
    k.enter(D(2023, 2, 1))
    k.job(D(2023, 2, 10), "svb")
    k.job_end(D(2023, 3, 31))  # ends on the exit day: both ends inclusive -> employed upon leaving
    k.exit(D(2023, 3, 31), "regular")
    assert run().frac("prog.work_after_exit_rate") == (1, 2)


def test_new_entry_within_the_window_is_a_follow_on(w, journey, run):
    j = _exited(journey, D(2023, 3, 31))
    j.reactivate(D(2023, 4, 20))
    assert run().frac("prog.follow_on_rate") == (1, 1)


def test_six_month_point_at_month_end_and_follow_up_window(w, journey, run):
    # exit 31.08.2024 -> p = 28.02.2025
    a = _exited(journey, D(2024, 8, 31), entry=D(2024, 2, 1), on=D(2024, 1, 2))
    a.job(D(2025, 2, 28), "svb")  # employed at p
    b = _exited(journey, D(2024, 8, 31), entry=D(2024, 2, 1), on=D(2024, 1, 2))
    b.job(D(2025, 3, 1), "svb")  # one day too late
    c = _exited(journey, D(2024, 8, 31), entry=D(2024, 2, 1), on=D(2024, 1, 2))
    c.follow_up(D(2025, 3, 14), ["employed_svb"])  # p + 14 days
    d = _exited(journey, D(2024, 8, 31), entry=D(2024, 2, 1), on=D(2024, 1, 2))
    d.follow_up(D(2025, 3, 15), ["employed_svb"])  # p + 15 days: no follow-up for p
    e = _exited(journey, D(2024, 8, 31), entry=D(2024, 2, 1), on=D(2024, 1, 2))
    e.follow_up(D(2025, 2, 14), ["employed_svb"], reached=False)  # not reached

    year = {"date_from": D(2024, 1, 1), "date_to": D(2024, 12, 31)}
    r = run(**year, as_of=D(2025, 3, 31))
    assert r.frac("prog.retention_6m_rate") == (2, 5)  # A and C
    assert r.frac("eb.integration_rate") == (2, 5)
    # not reached at p: D (follow-up outside the window), E (not reached); B is employed (any kind) at p? no:
    # B's job starts the day after p, so B is not employed at p either
    assert r.value("prog.follow_up_unreached") == 3
    # the cohort needs p <= as-of
    before = run(**year, as_of=D(2025, 2, 27))
    assert before.frac("prog.retention_6m_rate") == (0, 0)
    on_p = run(**year, as_of=D(2025, 2, 28))
    assert on_p.frac("prog.retention_6m_rate") == (1, 5)  # C's follow-up is dated after 28.02.


def test_eingliederungsbilanz_retention_counts_measures_and_any_employment(w, journey, run):
    year = {"date_from": D(2023, 1, 1), "date_to": D(2023, 12, 31), "as_of": D(2024, 6, 30)}
    a = _exited(journey, D(2023, 3, 31))
    a.job(D(2023, 9, 1), "minijob")  # employed (any kind) at p = 30.09.
    b = _exited(journey, D(2023, 3, 31))
    b.reactivate(D(2023, 8, 1))
    b.enter(D(2023, 8, 15), measure=w.measure_b, stage=w.s4)  # in a measure at p
    c = _exited(journey, D(2023, 3, 31))
    c.follow_up(D(2023, 10, 2), ["education"])
    _exited(journey, D(2023, 3, 31))  # D: nothing
    r = run(**year)
    assert r.frac("eb.retention_rate") == (3, 4)
    assert r.frac("eb.integration_rate") == (0, 4)
    assert r.frac("prog.retention_6m_rate") == (0, 4)


def test_participants_and_internship_rate(w, journey, run):
    a = journey(on=D(2022, 10, 1))
    a.assess(D(2022, 10, 5))
    a.enter(D(2022, 11, 1))
    a.internship(D(2023, 1, 10))  # within the enrolment that overlaps 2023
    a.exit(D(2023, 2, 28), "regular")
    b = journey(on=D(2022, 10, 1))
    b.assess(D(2022, 10, 5))
    b.enter(D(2022, 11, 1))
    b.exit(D(2022, 12, 20), "regular")  # enrolment ends before the period
    b.internship(D(2023, 1, 10))
    c = journey()
    c.assess()
    c.enter(D(2023, 5, 1))
    c.internship(D(2023, 6, 1), first_labour_market=False)
    r = run()
    assert r.value("prog.participants") == 2  # A and C
    assert r.frac("prog.internship_rate") == (1, 2)
