"""A key to write is offered and issued only to an account with a writing role somewhere: a
read-only member (or the data-protection officer) gets „Nur lesen“ only, and the service refuses
„write“ in German to the owner, instead of a key whose every write would end in a 403 (an
administrator at the command line still issues any scope)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from stufenweg.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
MESSAGE = "Ihr Konto hat keine schreibende Rolle; ein Schlüssel kann daher nur lesen."


@pytest.fixture
def reader(world):
    return MembershipFactory(
        user=UserFactory(username="nurlesen"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user


def test_the_service_refuses_a_write_key_without_a_writing_role(world, reader):
    for user in (reader, world.personas["dpo"]):
        with pytest.raises(ValidationError) as caught:
            api_key_issue(user=user, by=user, name="Skript", scope="write")
        assert MESSAGE in caught.value.message_dict["scope"][0]
        assert api_key_issue(user=user, by=user, name="Lesen", scope="read").api_key.scope == "read"
    assert not ApiKey.objects.filter(scope="write").exists()
    regional = world.personas["regional"]
    assert api_key_issue(user=regional, by=regional, name="S", scope="write").api_key.pk


def test_the_account_page_offers_only_reading_to_a_reader(client, world, reader):
    client.force_login(reader)
    html = client.get("/konto/").content.decode()
    assert 'value="read"' in html and 'value="write"' not in html
    response = client.post("/konto/api-schluessel/", {"name": "Skript", "scope": "write", "days": "30"})
    assert response.status_code == 200
    assert not ApiKey.objects.exists()
    client.force_login(world.personas["regional"])
    assert 'value="write"' in client.get("/konto/").content.decode()
