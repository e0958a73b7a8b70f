"""Caseload ratios with validity dates: the ratio in force on a day is the latest valid from that
day or before; a second ratio from the same day is refused in German; the caseload page measures
against the ratio in force today and says since when; a programme without one says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.journeys.services import participation_assign_caseworker
from stufenweg.programmes.models import CaseloadRatio
from stufenweg.programmes.services import caseload_ratio_save
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db

D = dt.date


def _ratio(world, day, ratio, by=None):
    return caseload_ratio_save(
        ratio=CaseloadRatio(programme=world.programme, valid_from=day, ratio=ratio), by=by
    )


def test_the_ratio_in_force_is_the_latest_one_begun(world):
    _ratio(world, D(2016, 1, 1), 50)
    _ratio(world, D(2018, 1, 1), 65)
    programme = world.programme
    assert programme.caseload_ratio_on(D(2015, 12, 31)) is None
    assert programme.caseload_ratio_on(D(2017, 12, 31)).ratio == 50
    assert programme.caseload_ratio_on(D(2018, 1, 1)).ratio == 65


def test_a_new_ratio_is_audited(world):
    ratio = _ratio(world, D(2018, 1, 1), 65, by=world.personas["coordinator"])
    entry = AuditEntry.objects.get(object_type="programmes.caseloadratio", object_id=str(ratio.pk))
    assert entry.after == {
        "id": ratio.pk,
        "programme_id": world.programme.pk,
        "valid_from": "2018-01-01",
        "ratio": 65,
    }


def test_a_second_ratio_from_the_same_day_is_refused(world):
    _ratio(world, D(2018, 1, 1), 65)
    with pytest.raises(ValidationError) as error:
        _ratio(world, D(2018, 1, 1), 70)
    assert error.value.message_dict["valid_from"][0].startswith(
        "Ab 01.01.2018 gilt in diesem Programm schon ein Betreuungsschlüssel"
    )
    assert CaseloadRatio.objects.get().ratio == 65


def test_a_regional_office_may_not_set_a_ratio(world):
    with pytest.raises(PermissionDenied):
        _ratio(world, D(2018, 1, 1), 65, by=world.personas["regional"])
    assert not CaseloadRatio.objects.exists()


def _caseload_page(world, client):
    regional = world.personas["regional"]
    participation = start_journey(world, _person(), on=D(2024, 1, 8))
    participation_assign_caseworker(participation=participation, caseworker=regional, by=None)
    client.force_login(world.personas["coordinator"])
    return client.get(reverse("casework:caseload")).content.decode()


def _person():
    from tests.factories import PersonFactory

    return PersonFactory()


def test_the_caseload_page_shows_the_ratio_in_force_today_and_since_when(world, client):
    today = timezone.localdate()
    _ratio(world, D(2016, 1, 1), 50)
    _ratio(world, today - dt.timedelta(days=3), 65)
    _ratio(world, today + dt.timedelta(days=30), 80)  # not yet in force
    page = _caseload_page(world, client)
    assert "1:65" in page
    assert f"seit {(today - dt.timedelta(days=3)):%d.%m.%Y}" in page
    assert "1:50" not in page and "1:80" not in page


def test_the_caseload_page_says_when_a_programme_has_no_ratio(world, client):
    page = _caseload_page(world, client)
    assert "nicht festgelegt" in page
