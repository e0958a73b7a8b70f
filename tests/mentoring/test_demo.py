"""The demo step of mentoring: mentorships in the mentoring projects, their log with employer
contacts in the employer's contact history, after-placement support for placed mentees."""

from __future__ import annotations

from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from tests.demo.conftest import small_demo  # noqa: F401 (fixture)


def test_the_demo_has_mentoring_in_the_mentoring_projects(small_demo, db):  # noqa: F811
    mentorships = Mentorship.objects.select_related("organisation")
    assert mentorships.exists()
    assert {m.organisation.kind for m in mentorships} == {"mentoring_project"}
    # every mentorship: one meeting and one employer contact, linked to the contact history
    assert MentoringEntry.objects.count() == 2 * mentorships.count()
    contacts = MentoringEntry.objects.filter(kind="employer")
    assert contacts.count() == mentorships.count()
    assert not contacts.filter(employer_contact__isnull=True).exists()
    for support in AfterPlacementSupport.objects.select_related("placement"):
        assert support.placement.kind == "employment_start" and support.months == 6
