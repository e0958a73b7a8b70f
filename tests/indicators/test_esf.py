"""ESF+ common indicators: participant = person × operation, characteristics at first entry,
results at last exit, always by gender."""

import datetime as dt

D = dt.date


def _entered(journey, make_person, entry=D(2023, 3, 1), status="unemployed", since=D(2020, 1, 1), **traits):
    j = journey(make_person(**traits))
    j.assess()
    j.enter(entry, status=status, since=since)
    return j


def test_genders_including_non_binary_and_no_answer_each_get_a_row(w, journey, make_person, run):
    for gender in ("f", "m", "d", "x", "x"):
        _entered(journey, make_person, gender=gender)
    r = run()
    assert r.value("esf.EECO01") == 5
    assert r.value("esf.EECO01", gender="f") == 1
    assert r.value("esf.EECO01", gender="m") == 1
    assert r.value("esf.EECO01", gender="d") == 1
    assert r.value("esf.EECO01", gender="x") == 2
    # ESF ignores other breakdowns and always has the four gender rows
    by_region = run(by=("region",))
    groups = [row["group"] for row in by_region.rows if row["indicator"] == "esf.EECO02"]
    assert groups == [{}, {"gender": "d"}, {"gender": "f"}, {"gender": "m"}, {"gender": "x"}]


def test_age_exactly_18_30_55_at_entry(w, journey, make_person, run):
    _entered(journey, make_person, birth_date=D(2005, 3, 1))  # 18 on the entry day
    _entered(journey, make_person, birth_date=D(2005, 3, 2))  # 17
    _entered(journey, make_person, birth_date=D(1993, 3, 1))  # 30: no longer 18–29
    _entered(journey, make_person, birth_date=D(1993, 3, 2))  # 29
    _entered(journey, make_person, birth_date=D(1968, 3, 1))  # 55
    _entered(journey, make_person, birth_date=D(1968, 3, 2))  # 54
    r = run()
    assert r.value("esf.EECO06") == 1
    assert r.value("esf.EECO07") == 2
    assert r.value("esf.EECO08") == 1
    bands = run(by=("age_band",))
    assert bands.value("prog.participants", age_band="<18") == 1
    assert bands.value("prog.participants", age_band="18-24") == 1
    assert bands.value("prog.participants", age_band="25-29") == 1
    assert bands.value("prog.participants", age_band="30-44") == 1
    assert bands.value("prog.participants", age_band="45-54") == 1
    assert bands.value("prog.participants", age_band="55+") == 1


def test_isced_and_nationalities(w, journey, make_person, run):
    _entered(journey, make_person, isced=0, nationality="stateless")
    _entered(journey, make_person, isced=2, nationality="PL")  # EU
    _entered(journey, make_person, isced=3, nationality="SY")
    _entered(journey, make_person, isced=5, nationality="unknown")
    _entered(
        journey,
        make_person,
        isced=None,
        nationality="DE",
        disability="yes",
        foreign_background="yes",
        minority="na",
        homeless="yes",
        rural="no",
    )
    r = run()
    assert r.value("esf.EECO09") == 2  # ISCED 0 and 2
    assert r.value("esf.EECO10") == 1
    assert r.value("esf.EECO11") == 1
    assert r.value("esf.EECO13") == 3  # stateless, SY, unknown
    assert r.value("esf.EECO12") == 1
    assert r.value("esf.EECO14") == 1
    assert r.value("esf.EECO15") == 0  # "na" is not "yes"
    assert r.value("esf.EECO16") == 1
    assert r.value("esf.EECO17") == 0


def test_long_term_unemployed_at_exactly_twelve_months(w, journey, make_person, run):
    _entered(journey, make_person, since=D(2022, 3, 1))  # exactly 12 months on 01.03.2023
    _entered(journey, make_person, since=D(2022, 3, 2))  # one day short
    _entered(journey, make_person, status="inactive", since=None)
    _entered(journey, make_person, status="employed", since=None)
    r = run()
    assert r.value("esf.EECO02") == 2
    assert r.value("esf.EECO03") == 1
    assert r.value("esf.EECO04") == 1
    assert r.value("esf.EECO05") == 1
    assert r.value("esf.EECO01") == 4


def test_eu_age_rule_for_long_term_unemployment(w, journey, make_person, run):
    w.programme.ltu_rule = "eu_age"
    w.programme.save()
    _entered(
        journey, make_person, birth_date=D(2002, 1, 1), since=D(2022, 9, 1)
    )  # 21, exactly 6 months: not more
    _entered(journey, make_person, birth_date=D(2002, 1, 1), since=D(2022, 8, 31))  # 21, more than 6 months
    _entered(journey, make_person, since=D(2022, 3, 1))  # 42, exactly 12 months: not more than 12
    _entered(journey, make_person, since=D(2022, 2, 28))  # 42, more than 12 months
    assert run().value("esf.EECO03") == 2


def test_reentry_into_the_same_operation_is_one_participant(w, journey, make_person, run):
    j = _entered(journey, make_person, entry=D(2023, 2, 1))
    j.exit(D(2023, 4, 30), "early_neutral", ["job_seeking"])
    j.reactivate(D(2023, 5, 10))
    j.enter(D(2023, 6, 1), measure=w.measure_b, stage=w.s4, status="employed")  # same operation ESF-100
    j.exit(D(2023, 9, 30), "regular", ["employed_svb"])
    r = run()
    assert r.value("esf.EECO01") == 1
    assert r.value("esf.EECO02") == 1  # characteristics at the first entry
    assert r.value("esf.EECO05") == 0
    assert r.value("esf.EECR04") == 1  # results at the last exit
    assert r.value("esf.EECR01") == 0


def test_entry_into_a_different_operation_is_a_new_participant(w, journey, make_person, run):
    w.measure_b.operation = "ESF-200"
    w.measure_b.save()
    j = _entered(journey, make_person, entry=D(2023, 2, 1))
    j.exit(D(2023, 4, 30), "early_neutral", ["job_seeking"])
    j.reactivate(D(2023, 5, 10))
    j.enter(D(2023, 6, 1), measure=w.measure_b, stage=w.s4, status="")  # status from the previous entry
    r = run()
    assert r.value("esf.EECO01") == 2
    assert r.value("esf.EECO02") == 2
    assert r.value("esf.EECO03") == 2  # unemployed since 2020 taken from the previous entry as well
    # the first participant left (job-seeking), the second is still in the measure: not left
    assert r.value("esf.EECR01") == 1


def test_result_indicators(w, journey, make_person, run):
    a = _entered(journey, make_person, gender="f")
    a.exit(D(2023, 6, 30), "regular", ["job_seeking", "employed_svb"])  # employed wins over job-seeking
    b = _entered(journey, make_person, gender="m")
    b.exit(D(2023, 6, 30), "early_negative", ["job_seeking"])
    c = _entered(journey, make_person, gender="m")
    c.exit(D(2023, 6, 30), "early_positive")
    c.job(D(2023, 7, 15), "vocational_training")  # education upon leaving
    d = _entered(journey, make_person, gender="d")
    d.exit(D(2023, 6, 30), "regular", qualification=True)
    e = _entered(journey, make_person, gender="x")
    e.exit(D(2023, 6, 30), "regular")
    e.qualification(D(2023, 7, 28))  # within [first entry, exit + 28 days]
    h = _entered(journey, make_person, gender="x")
    h.exit(D(2023, 6, 30), "regular")
    h.qualification(D(2023, 7, 29))  # exit + 29 days: too late
    f = _entered(journey, make_person, gender="x")
    f.exit(D(2023, 6, 30), "regular")
    f.job(D(2023, 12, 30), "minijob")  # ESF employed at p = 31.12.2023
    g = _entered(journey, make_person, gender="f")
    g.exit(D(2023, 6, 30), "regular")
    g.follow_up(D(2023, 7, 10), ["job_seeking"])  # reached follow-up dated upon leaving
    r = run()
    assert r.value("esf.EECR01") == 2  # B and G (A is counted in EECR04)
    assert r.value("esf.EECR01", gender="m") == 1
    assert r.value("esf.EECR02") == 1  # C
    assert r.value("esf.EECR03") == 2  # D and E
    assert r.value("esf.EECR04") == 1  # A
    assert r.value("esf.EECR05") == 1  # F
    assert r.value("esf.EECR05", gender="x") == 1


def test_employed_six_months_after_leaving_by_the_follow_up_at_that_point(w, journey, make_person, run):
    """EECR05 from a follow-up: the latest reached follow-up dated in [p − 14, p + 14] decides
    (p = the same day six months later: 30 Dec 2023 for an exit on 30 Jun 2023)."""
    a = _entered(journey, make_person, gender="f")
    a.exit(D(2023, 6, 30), "regular")
    a.follow_up(D(2024, 1, 13), ["minijob"])  # p + 14: counts
    b = _entered(journey, make_person, gender="m")
    b.exit(D(2023, 6, 30), "regular")
    b.follow_up(D(2023, 12, 20), ["employed_svb"])
    b.follow_up(D(2024, 1, 5), ["job_seeking"])  # the later follow-up wins: not employed
    c = _entered(journey, make_person, gender="m")
    c.exit(D(2023, 6, 30), "regular")
    c.follow_up(D(2024, 1, 14), ["self_employed"])  # p + 15: outside the window
    d = _entered(journey, make_person, gender="d")
    d.exit(D(2023, 6, 30), "regular")
    d.follow_up(D(2023, 12, 31), ["employed_svb"], reached=False)  # not reached
    e = _entered(journey, make_person, gender="x")
    e.exit(D(2023, 6, 30), "regular")
    e.follow_up(D(2023, 12, 16), ["education", "self_employed"])  # p − 14, one of several statuses
    r = run(as_of=D(2024, 6, 30))
    assert r.value("esf.EECR05") == 2  # A and E
    assert r.value("esf.EECR05", gender="f") == 1
    assert r.value("esf.EECR05", gender="m") == 0
    assert r.value("esf.EECR05", gender="x") == 1
    # before the six-month point has passed nobody is counted
    assert run(as_of=D(2023, 12, 29)).value("esf.EECR05") == 0
