"""Participations (read) and journey events (read, append through the services)."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from stufenweg.api.filters import EventFilter, ParticipationFilter
from stufenweg.api.recording import record_event
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.journeys import EventCreateSerializer, EventSerializer, ParticipationSerializer
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.journeys.models import Enrolment, JourneyEvent
from stufenweg.journeys.selectors import events_visible_to, participations_visible_to
from stufenweg.people.models import Person


class ParticipationViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Teilnahmen (Person × Programm) mit aktuellem Status, Stufe, Maßnahme und
    Maßnahmeteilnahmen. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Teilnahme"

    def get_queryset(self):
        enrolments = Enrolment.objects.select_related(
            "measure", "stage", "entry_event", "exit_event"
        ).order_by("entered_on", "id")
        return (
            participations_visible_to(self.request.user)
            .select_related(
                "person",
                "programme",
                "region",
                "current_stage",
                "current_measure",
                "waiting_stage",
                "caseworker",
            )
            .prefetch_related(Prefetch("enrolments", queryset=enrolments))
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [participation.person for participation in objects]


class EventViewSet(
    AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Verlaufsereignisse (Spalten wie events.csv), in Verlaufsreihenfolge. Neue Ereignisse
    werden über dieselben Regeln erfasst wie in der Oberfläche und beim Import."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Verlaufsereignis"

    def get_queryset(self):
        superseded_by = (
            JourneyEvent.objects.filter(supersedes_id=OuterRef("pk"))
            .order_by("recorded_at", "id")
            .values("event_id")
        )
        return (
            events_visible_to(self.request.user)
            .select_related(
                "participation__person",
                "participation__programme",
                "recorded_by",
                "region",
                "measure",
                "stage",
                "supersedes",
                "referrer",
                "employer",
            )
            .annotate(superseded_by_event_id=Subquery(superseded_by[:1]))
            .order_by("occurred_on", "recorded_at", "id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=event.participation.person_id) for event in objects]

    @extend_schema(
        request=EventCreateSerializer, responses=write_responses(EventSerializer, names_a_person=True)
    )
    def create(self, request, *args, **kwargs):
        """Ein Ereignis anhängen (Rollen Fallbearbeitung und Organisationsverwaltung einer Stelle,
        die die Teilnahme sieht). Verstöße gegen die Verlaufsregeln: HTTP 400, nichts gespeichert."""
        serializer = EventCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        event = record_event(user=request.user, data=serializer.validated_data)
        instance = self.get_queryset().get(pk=event.pk)
        return Response(EventSerializer(instance).data, status=status.HTTP_201_CREATED)
