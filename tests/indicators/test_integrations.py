"""§ 48a-style integrations: one per person and month, benefit effect, continuous employment."""

import datetime as dt

from stufenweg.people.models import Household, HouseholdMonth

D = dt.date


def _in_programme(journey, make_person, **traits):
    j = journey(make_person(**traits))
    j.assess()
    return j


def test_one_integration_per_person_and_month_and_kinds(w, journey, make_person, run):
    a = _in_programme(journey, make_person)
    a.job(D(2023, 3, 3), "minijob")  # not an integration
    a.job(D(2023, 3, 10), "svb", benefit_effect="reduced")
    a.job(D(2023, 3, 20), "self_employed", benefit_effect="ended")  # second in March: does not count
    a.job(D(2023, 4, 1), "vocational_training")
    b = _in_programme(journey, make_person)
    b.job(D(2023, 5, 1), "publicly_funded")  # not an integration
    r = run()
    assert r.value("sgb2.integrations") == 2
    assert r.value("sgb2.integrations_reducing") == 1  # the March one (first counts)
    assert r.value("sgb2.integrations_needs_covering") == 0


def test_needs_covering_from_household_months(w, journey, make_person, run):
    household = Household.objects.create(household_id="BG-T1")
    for month in (D(2023, 1, 1), D(2023, 2, 1), D(2023, 3, 1)):
        HouseholdMonth.objects.create(household=household, month=month, members=2, llu=500, kdu=400)
    a = _in_programme(journey, make_person, household=household)
    a.job(D(2023, 2, 15), "svb")  # third month after February: May, no benefit row -> needs covering
    other = Household.objects.create(household_id="BG-T2")
    for month in (D(2023, 1, 1), D(2023, 5, 1)):
        HouseholdMonth.objects.create(household=other, month=month, members=1, llu=500, kdu=300)
    b = _in_programme(journey, make_person, household=other)
    b.job(D(2023, 2, 15), "svb")  # benefit in May -> not needs covering
    c = _in_programme(journey, make_person)
    c.job(D(2023, 2, 15), "svb")  # no household months: unknown, not counted
    r = run()
    assert r.value("sgb2.integrations") == 3
    assert r.value("sgb2.integrations_needs_covering") == 1


def test_continuous_employment_on_six_month_ends(w, journey, make_person, run):
    a = _in_programme(journey, make_person)
    a.job(D(2023, 1, 15), "svb")  # employed throughout
    b = _in_programme(journey, make_person)
    b.job(D(2023, 1, 15), "svb", end_date=D(2023, 5, 30))  # not employed on 31.05.
    c = _in_programme(journey, make_person)
    c.job(D(2023, 1, 15), "svb")
    c.job_end(D(2023, 7, 31))  # employed on 31.07. (inclusive), the sixth month end
    d = _in_programme(journey, make_person)
    d.job(D(2023, 8, 1), "svb")  # sixth month end 29.02.2024 > as-of: not in the denominator
    r = run()
    assert r.frac("sgb2.continuous_employment_rate") == (2, 3)
    by_gender = run(by=("gender",))
    assert by_gender.frac("sgb2.continuous_employment_rate", gender="f") == (2, 3)
