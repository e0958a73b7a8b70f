"""„Person zuweisen“ appears only for those whose referral the service accepts (the organisation
kinds that record a referral); a provider neither sees the button nor opens the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BUTTON = 'href="/teilnehmende/zuweisen/"'


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("coordinator", True), ("regional", True), ("jobcenter", True), ("provider", False), ("mentor", False)],
)
def test_button_only_where_the_referral_is_allowed(client, world, persona, shown):
    client.force_login(world.personas[persona])
    html = client.get(reverse("casework:participant_list")).content.decode()
    assert reverse("casework:refer") == "/teilnehmende/zuweisen/"
    assert (BUTTON in html) is shown
    status = client.get(reverse("casework:refer")).status_code
    assert status == (200 if shown else 403)


def test_read_only_member_sees_no_button(client, world, read_only):
    client.force_login(read_only)
    assert BUTTON not in client.get(reverse("casework:participant_list")).content.decode()
