"""The demo's support plans mark no step as done on a day still to come (a finished step showed
„erledigt am 22.05.2027“ in December 2026): a finished step is done on its due day or, when that
is still ahead, by today."""

from __future__ import annotations

from django.utils import timezone

from stufenweg.casework.models import PlanAction


def test_no_plan_step_is_done_in_the_future(small_demo, db):
    done = PlanAction.objects.filter(progress=100)
    assert done.exists()
    assert not done.filter(done_on__isnull=True).exists()
    assert not PlanAction.objects.filter(done_on__gt=timezone.localdate()).exists()
