"""Master-data rows are validated exactly as ``full_clean`` validates them, although field results
are remembered between rows: every row gets the errors ``full_clean`` would give it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from stufenweg.interchange import services
from stufenweg.interchange.upsert import Row
from stufenweg.people.models import Household, HouseholdMonth, Person

pytestmark = pytest.mark.django_db

PERSON = {
    "person_id": "P1",
    "first_name": "Anna",
    "last_name": "Schulze",
    "birth_date": dt.date(1980, 5, 17),
    "gender": "f",
    "isced": 3,
}


def full_clean_errors(model, values, exclude) -> dict:
    try:
        model(**values).full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def test_each_row_gets_its_own_errors():
    rows = [
        Row(2, "P1", dict(PERSON)),
        Row(3, "P2", {**PERSON, "person_id": "P2", "isced": 9}),  # above the validator's limit
        Row(4, "P3", {**PERSON, "person_id": "P3", "gender": "q", "isced": 3}),  # 3 was fine above
        Row(5, "P4", {**PERSON, "person_id": "P4", "first_name": "A" * 101}),
        Row(6, "P5", {**PERSON, "person_id": "P5"}),
    ]
    result = services.persons_import(rows=rows, by=None)
    got: dict[int, dict] = {}
    for error in result.errors:
        got.setdefault(error.ref, {}).setdefault(error.field, []).append(error.message)
    expected = {
        row.ref: full_clean_errors(Person, row.values, ["household"])
        for row in rows
        if full_clean_errors(Person, row.values, ["household"])
    }
    assert set(expected) == {3, 4, 5}
    assert got == expected
    assert set(got[3]) == {"isced"} and set(got[4]) == {"gender"} and set(got[5]) == {"first_name"}
    assert Person.objects.count() == 0  # a file with problems writes none of its rows


def test_equal_decimals_with_more_places_are_not_taken_for_valid():
    household = Household.objects.create(household_id="BG1")
    first = {"household_id": household.pk, "month": dt.date(2022, 1, 1), "members": 2, "kdu": Decimal("1")}
    rows = [
        Row(2, (household.pk, dt.date(2022, 1, 1)), {**first, "llu": Decimal("420.5")}),
        # Equal to 420.5, but three places where the field allows two.
        Row(
            3,
            (household.pk, dt.date(2022, 2, 1)),
            {**first, "month": dt.date(2022, 2, 1), "llu": Decimal("420.500")},
        ),
    ]
    result = services.household_months_import(rows=rows, by=None)
    assert [(e.ref, e.field) for e in result.errors] == [(3, "llu")]
    assert (
        result.errors[0].message == full_clean_errors(HouseholdMonth, rows[1].values, ["household"])["llu"][0]
    )
    assert HouseholdMonth.objects.count() == 0


def test_valid_rows_are_written_with_an_audit_row_each():
    rows = [Row(2, "P1", dict(PERSON)), Row(3, "P2", {**PERSON, "person_id": "P2", "isced": None})]
    result = services.persons_import(rows=rows, by=None)
    assert result.errors == []
    assert (result.created, result.created_keys) == (2, {"P1", "P2"})
    assert list(Person.objects.order_by("person_id").values_list("person_id", "isced", "gender")) == [
        ("P1", 3, "f"),
        ("P2", None, "f"),
    ]
    from stufenweg.core.models import AuditEntry

    after = dict(AuditEntry.objects.filter(object_type="people.person").values_list("object_id", "after"))
    p1 = Person.objects.get(person_id="P1")
    assert after[str(p1.pk)] == {**PERSON, "birth_date": "1980-05-17"}
