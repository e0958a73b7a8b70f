"""The demo has matching to look at: measures that prepare for occupations, participants with
target occupations and qualifications, and for some of them suggestions with reasons (as a
coordination office member sees them: measures and vacancies)."""

from __future__ import annotations

from django.utils import timezone

from stufenweg.matching.models import MatchChoice, Qualification, TargetOccupation
from stufenweg.matching.selectors import suggestions_for
from stufenweg.organisations.models import User
from stufenweg.programmes.models import Measure


def test_the_demo_has_target_occupations_and_suggestions(small_demo, db):
    assert Measure.objects.exclude(occupations="").count() >= 5
    assert TargetOccupation.objects.filter(ended_on__isnull=True).count() >= 5
    assert Qualification.objects.exists()
    assert not MatchChoice.objects.exists()  # choosing is left to the caseworker
    regie = User.objects.get(username="regie")
    today = timezone.localdate()
    with_suggestions = [
        t.participation
        for t in TargetOccupation.objects.select_related("participation")
        if suggestions_for(regie, t.participation, today=today)
    ]
    assert len(with_suggestions) >= 3
    reasons = [
        r for p in with_suggestions[:3] for s in suggestions_for(regie, p, today=today) for r in s.reasons
    ]
    assert any(
        r.startswith(("gleicher Beruf", "gleiche Berufsgruppe", "gleiche Berufshauptgruppe")) for r in reasons
    )
