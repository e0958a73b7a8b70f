"""A Jobcenter plans referrals to support services through the API as on the web (the rule of
``support.authority.SERVICE_REFERRING``, checked in the service): for the people it referred
(201), not for a person another Jobcenter referred (404, as for one that does not exist), not
with a read-only key membership (403); barriers stay with the delivering side (403)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership
from stufenweg.support.models import Barrier, ServiceReferral
from tests.api.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = (timezone.localdate() - dt.timedelta(days=20)).isoformat()


def _referral(person_id: str, **changes) -> dict:
    return {"person_id": person_id, "programme": "JPS", "kind": "addiction", "planned_on": DAY, **changes}


def test_the_referring_jobcenter_plans_a_referral(world, journeys, as_persona):
    response = as_persona("jobcenter").post(
        "/api/v1/service-referrals/", _referral("PA-1", provider="Suchtberatung Torgau"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["kind"], response.json()["status"]) == ("addiction", "planned")
    referral = ServiceReferral.objects.get()
    assert referral.participation == journeys.participation_a
    assert referral.created_by == world.personas["jobcenter"]
    assert AuditEntry.objects.filter(action="create", person=journeys.person_a).count() == 1


def test_not_for_people_it_did_not_refer_nor_read_only_nor_other_entries(world, journeys, as_persona):
    jobcenter = as_persona("jobcenter")
    hidden = jobcenter.post("/api/v1/service-referrals/", _referral("PB-1"), format="json")
    missing = jobcenter.post("/api/v1/service-referrals/", _referral("GIBT-ES-NICHT"), format="json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    reader = MembershipFactory(
        user=UserFactory(username="jc_lesend"), organisation=world.jobcenter_a, role=Membership.Role.READ_ONLY
    ).user
    refused = client_for(reader).post("/api/v1/service-referrals/", _referral("PA-1"), format="json")
    assert refused.status_code == 403
    barrier = jobcenter.post(
        "/api/v1/barriers/",
        {"person_id": "PA-1", "programme": "JPS", "kind": "debt", "present": True, "assessed_on": DAY},
        format="json",
    )
    assert barrier.status_code == 403
    assert barrier.json() == {"detail": "Sie dürfen für diese Teilnahme keine Fallarbeit erfassen."}
    assert not ServiceReferral.objects.exists() and not Barrier.objects.exists()
