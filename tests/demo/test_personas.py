"""One login per persona, in the right organisation kind and role, with the documented password."""

from __future__ import annotations

import pytest

from stufenweg.core.visibility import scope_of
from stufenweg.demo.catalogue.common import DEMO_PASSWORD
from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import Membership, Organisation, Region, User

EXPECTED = {  # username: (organisation kind, role)
    "regie": ("coordination_office", "caseworker"),
    "rb.bautzen": ("regional_office", "caseworker"),
    "rb.dresden": ("regional_office", "caseworker"),
    "rb.vogtland": ("regional_office", "caseworker"),
    "traeger": ("provider", "caseworker"),
    "jobcenter": ("jobcenter", "caseworker"),
    "mentor": ("mentoring_project", "caseworker"),
    "lesend": ("coordination_office", "read_only"),
    "datenschutz": ("coordination_office", "dpo"),
    "orgadmin": ("coordination_office", "org_admin"),
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_persona_login_exists(small_demo, db, client, username):
    user = User.objects.get(username=username)
    membership = Membership.objects.select_related("organisation").get(user=user)
    assert (membership.organisation.kind, membership.role) == EXPECTED[username]
    assert user.check_password(DEMO_PASSWORD)
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_personas_see_what_their_organisation_may_see(small_demo, db):
    scope = {name: scope_of(User.objects.get(username=name)) for name in EXPECTED}
    assert scope["regie"].everything and scope["lesend"].everything
    assert scope["rb.bautzen"].region_ids == {Region.objects.get(code="BZ").pk}
    assert scope["rb.dresden"].region_ids == {Region.objects.get(code="DD").pk}
    assert scope["traeger"].provider_org_ids == {Organisation.objects.get(code="BDL-LAUSITZ").pk}
    assert scope["mentor"].provider_org_ids == {Organisation.objects.get(code="AMM-DD").pk}
    assert scope["jobcenter"].referrer_org_ids == {Organisation.objects.get(code="JC-BZ").pk}
    assert scope["datenschutz"].audit and not scope["datenschutz"].personal_data


def test_regional_offices_have_a_caseload(small_demo, db):
    for code in ("RB-BZ", "RB-DD"):
        assert Participation.objects.filter(caseworker__memberships__organisation__code=code).exists()


def test_every_regional_office_has_a_persona_login(small_demo, db):
    for office in Organisation.objects.filter(kind="regional_office"):
        assert Membership.objects.filter(organisation=office, user__username__startswith="rb.").exists(), (
            office
        )
