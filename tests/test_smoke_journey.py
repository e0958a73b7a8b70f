import datetime as dt

from stufenweg.journeys import services
from stufenweg.journeys.codes import State
from tests.conftest import enter, start_journey


def test_a_journey_from_referral_to_follow_up(world, person):
    participation = start_journey(world, person)
    enter(world, participation, planned_end=dt.date(2022, 12, 31))
    participation.refresh_from_db()
    assert participation.state == State.IN_STAGE
    services.enrolment_exit(
        participation=participation,
        on=dt.date(2022, 10, 1),
        kind="regular",
        statuses=["employed_svb"],
        by=None,
    )
    participation.refresh_from_db()
    assert participation.state == State.EXITED
    assert participation.enrolments.get().exited_on == dt.date(2022, 10, 1)
