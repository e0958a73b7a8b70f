"""Each persona is refused what it may not see (404) or do (403), in the browser."""

from __future__ import annotations

import pytest

from stufenweg.journeys import services
from tests.browser.conftest import days_ago
from tests.casework.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refusals_per_persona(web, world):
    person = make_person("Region", "Bea", "P-9001")
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=days_ago(30),
        referrer=world.jobcenter_b,
        region=world.region_b,
        by=None,
    )
    own = make_person("Eigen", "Ole", "P-9002")
    services.participation_refer(
        person=own,
        programme=world.programme,
        on=days_ago(30),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    participation = own.participations.get()
    page = web.page
    other_region = f"/teilnehmende/{person.pk}/"
    exit_form = f"/teilnehmende/teilnahme/{participation.pk}/aktion/austritt/"

    web.login("regional")  # region A: a region-B person does not exist for them
    web.visit(other_region, status=404)
    page.context.clear_cookies()

    web.login("traeger")  # provider: nobody in its measures yet
    web.visit(f"/teilnehmende/{own.pk}/", status=404)
    web.visit("/teilnehmende/")
    assert "Keine Teilnahmen gefunden" in page.inner_text("#participant-results")
    page.context.clear_cookies()

    web.login("jobcenter")  # sees its own referral, but may not record an exit
    web.visit(f"/teilnehmende/{own.pk}/")
    web.visit(other_region, status=404)
    web.visit(exit_form, status=403)
    page.context.clear_cookies()

    from stufenweg.organisations.models import Membership
    from tests.factories import MembershipFactory, UserFactory

    MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    )
    web.login("lesend")  # read-only member of region A: sees the page, no forms
    web.visit(f"/teilnehmende/{own.pk}/")
    assert page.locator(".action-bar").count() == 0
    assert page.locator("a:text-is('Kontakt erfassen')").count() == 0
    web.visit(exit_form, status=403)
    page.context.clear_cookies()

    web.login("mentor")  # mentoring project: not its mentee
    web.visit(f"/teilnehmende/{own.pk}/", status=404)
    page.context.clear_cookies()

    web.login("aussen")  # no organisation: nothing
    web.visit(f"/teilnehmende/{own.pk}/", status=404)
    web.visit("/teilnehmende/arbeitslisten/", status=403)
