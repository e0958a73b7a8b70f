"""A birth date in the future is refused with a German message (referral form, person details)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from stufenweg.people.models import Person
from stufenweg.people.services import person_create, person_update

MESSAGE = "Das Geburtsdatum liegt in der Zukunft."


def _tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def test_referral_form_refuses_a_future_birth_date_and_keeps_the_input(client, world):
    client.force_login(world.personas["jobcenter"])
    response = client.post(
        reverse("casework:refer"),
        {
            "person_id": "JC-FUTURE",
            "last_name": "Weiß",
            "first_name": "Jörg",
            "birth_date": _tomorrow().isoformat(),
            "gender": "m",
            "programme": world.programme.pk,
            "region": world.region_a.pk,
            "referrer": world.jobcenter_a.pk,
            "occurred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_birth_date_error"' in html
    assert MESSAGE in html
    assert 'value="Weiß"' in html  # the rest of the input is kept
    assert not Person.objects.filter(person_id="JC-FUTURE").exists()


def test_person_create_refuses_a_future_birth_date(db):
    with pytest.raises(ValidationError) as caught:
        person_create(
            by=None, person_id="P-FUT", first_name="A", last_name="B", birth_date=_tomorrow(), gender="f"
        )
    assert caught.value.message_dict == {"birth_date": [MESSAGE]}
    assert not Person.objects.filter(person_id="P-FUT").exists()


def test_person_update_refuses_a_future_birth_date(db):
    person = person_create(
        by=None, person_id="P-NOW", first_name="A", last_name="B", birth_date=dt.date(1990, 1, 1), gender="f"
    )
    with pytest.raises(ValidationError) as caught:
        person_update(person=person, by=None, birth_date=_tomorrow())
    assert MESSAGE in caught.value.message_dict["birth_date"]
    assert Person.objects.get(pk=person.pk).birth_date == dt.date(1990, 1, 1)
    person_update(person=person, by=None, birth_date=timezone.localdate())  # today is allowed
