"""``/api/schema/`` (OpenAPI 3), ``/api/docs/`` (Swagger UI, served locally), ``/api/v1/…``."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from stufenweg.api.views.catalogue import MeasureViewSet, ProgrammeViewSet
from stufenweg.api.views.costs import CostEntryViewSet
from stufenweg.api.views.docs import DocsView, SchemaView
from stufenweg.api.views.employers import EmployerContactViewSet, EmployerViewSet, VacancyViewSet
from stufenweg.api.views.groupwork import (
    AttendanceViewSet,
    BookingViewSet,
    GroupEventViewSet,
    GroupSessionViewSet,
)
from stufenweg.api.views.households import HouseholdMonthViewSet, HouseholdViewSet
from stufenweg.api.views.journeys import EventViewSet, ParticipationViewSet
from stufenweg.api.views.mentoring import (
    AfterPlacementSupportViewSet,
    MentoringEntryViewSet,
    MentorshipViewSet,
)
from stufenweg.api.views.people import PersonViewSet
from stufenweg.api.views.support import (
    BarrierViewSet,
    PhaseChangeViewSet,
    ProfileRatingViewSet,
    ServiceReferralViewSet,
    SupportPhaseViewSet,
)

app_name = "api"

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("measures", MeasureViewSet, basename="measure")
router.register("persons", PersonViewSet, basename="person")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("events", EventViewSet, basename="event")
router.register("employers", EmployerViewSet, basename="employer")
router.register("employer-contacts", EmployerContactViewSet, basename="employer-contact")
router.register("vacancies", VacancyViewSet, basename="vacancy")
router.register("group-events", GroupEventViewSet, basename="group-event")
router.register("group-sessions", GroupSessionViewSet, basename="group-session")
router.register("group-bookings", BookingViewSet, basename="group-booking")
router.register("group-attendance", AttendanceViewSet, basename="group-attendance")
router.register("service-referrals", ServiceReferralViewSet, basename="service-referral")
router.register("barriers", BarrierViewSet, basename="barrier")
router.register("phase-changes", PhaseChangeViewSet, basename="phase-change")
router.register("support-phases", SupportPhaseViewSet, basename="support-phase")
router.register("profile-ratings", ProfileRatingViewSet, basename="profile-rating")
router.register("mentorships", MentorshipViewSet, basename="mentorship")
router.register("mentoring-entries", MentoringEntryViewSet, basename="mentoring-entry")
router.register("after-placement-support", AfterPlacementSupportViewSet, basename="after-placement-support")
router.register("households", HouseholdViewSet, basename="household")
router.register("household-months", HouseholdMonthViewSet, basename="household-month")
router.register("programme-costs", CostEntryViewSet, basename="programme-cost")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
]
