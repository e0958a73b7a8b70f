"""A person's characteristics corrected on the person page show in the ESF+ report."""

import datetime as dt

from stufenweg.people.services import person_update

D = dt.date


def test_corrected_characteristics_change_the_esf_counts(w, journey, make_person, run):
    j = journey(make_person(gender="f", isced=None, nationality="DE", disability="", homeless=""))
    j.assess()
    j.enter(D(2023, 3, 1), status="unemployed", since=D(2020, 1, 1))
    before = run()
    assert before.value("esf.EECO12") == 0
    assert before.value("esf.EECO13") == 0
    assert before.value("esf.EECO11") == 0

    person_update(
        person=j.person,
        by=w.personas["regional"],
        disability="yes",
        nationality="SY",
        isced=5,
        homeless="yes",
    )
    after = run()
    assert after.value("esf.EECO12", gender="f") == 1
    assert after.value("esf.EECO13", gender="f") == 1
    assert after.value("esf.EECO11", gender="f") == 1
    assert after.value("esf.EECO16", gender="f") == 1
