"""Forms for the journey actions. Each one calls exactly one function of
``stufenweg.journeys.services``; rule violations come back as ``JourneyRuleError`` and are put
next to the field they concern (``apply_rule_error``)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import transaction
from django.db.models import Case, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.area import measures_in_area
from stufenweg.casework.overviews import measures_with_free_places
from stufenweg.casework.selectors import assessed_stage_id
from stufenweg.core.params import BoundedDateField, parse_date
from stufenweg.core.widgets import DateInput
from stufenweg.journeys import services, spec
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.rules import JourneyRuleError
from stufenweg.organisations import pick
from stufenweg.programmes import reason_codes
from stufenweg.programmes.entry_dates import next_start_date, takes_entry_on
from stufenweg.programmes.models import Measure, Stage

# model field named by a JourneyRuleError -> form field
FIELD_MAP = {
    "measure_id": "measure",
    "stage_id": "stage",
    "exit_kind": "exit_kind",
    "employer_id": "employer",
}


def apply_rule_error(form: forms.Form, exc: JourneyRuleError) -> None:
    name = FIELD_MAP.get(exc.field or "", exc.field or "")
    name = name.removesuffix("_id")
    form.add_error(name if name in form.fields else None, exc.rule_message)


DATE_LABEL = _("Datum")


def date_field(label=DATE_LABEL, required=True, **kwargs) -> forms.DateField:
    return BoundedDateField(label=label, required=required, widget=DateInput(), **kwargs)


def choice(choices, label, required=True) -> forms.ChoiceField:
    blank = [] if required else [("", "–")]
    return forms.ChoiceField(label=label, choices=[*blank, *choices], required=required)


YES_NO = [("", "–"), ("true", _("ja")), ("false", _("nein"))]
E = EventKind


def yes_no(label, required=False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO if not required else YES_NO[1:],
        coerce=lambda v: {"true": True, "false": False}.get(v),
        empty_value=None,
        required=required,
    )


def event_field(kind: str, name: str, label=None, **kwargs) -> forms.Field:
    """The form field of the event field ``name`` for an event of ``kind``: its type, code list
    and limits from ``journeys.spec``, required where the kind requires it or the web asks for it
    (``KindSpec.needs``). References (stage, measure, employer) have their own fields below."""
    f = spec.FIELD[name]
    required = spec.KINDS[kind].needs(name)
    label = label or f.label
    if f.type == spec.CODE:
        field = choice(f.choices.choices, label, required=required)
    elif f.type == spec.DATE:
        field = date_field(label, required=required)
    elif f.type == spec.TEXT:
        field = forms.CharField(label=label, required=required, max_length=f.max_length, **kwargs)
    elif f.type == spec.BOOL:
        field = yes_no(label, required=required)
    elif f.type == spec.DECIMAL:
        field = forms.DecimalField(
            label=label,
            required=required,
            min_value=f.min_value,
            max_value=f.max_value,
            max_digits=f.digits,
            decimal_places=f.places,
        )
    elif f.type == spec.STATUSES:
        field = forms.MultipleChoiceField(
            label=label,
            choices=f.choices.choices,
            widget=forms.CheckboxSelectMultiple,
            required=required,
            **kwargs,
        )
    elif f.type == spec.LISTED:  # the programme's list: the form fills in the choices (``EventForm``)
        field = choice([], label, required=required)
        field.listed_for = kind
    else:
        raise AssertionError(f"{name}: a reference has its own field")
    field.event_field = name
    return field


class EventForm(forms.Form):
    """Base: a date, the participation and the acting user."""

    occurred_on = date_field()

    def __init__(self, *args, participation: Participation, user, **kwargs):
        self.participation = participation
        self.user = user
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if "stage" in self.fields:
            self.fields["stage"].queryset = Stage.objects.filter(programme_id=participation.programme_id)
        for field in self.fields.values():
            if getattr(field, "listed_for", None):  # the programme's active reason codes
                codes = reason_codes.choices_for(participation.programme_id, field.listed_for)
                field.choices = [("", "–"), *codes]

    def save(self) -> JourneyEvent:  # pragma: no cover - overridden
        raise NotImplementedError

    def _common(self) -> dict:
        return {"participation": self.participation, "on": self.cleaned_data["occurred_on"], "by": self.user}


def stage_field(kind: str) -> forms.ModelChoiceField:
    required = spec.KINDS[kind].needs("stage")
    field = forms.ModelChoiceField(
        label=_("Stufe"),
        queryset=Stage.objects.none(),
        required=required,
        empty_label=_("Bitte wählen") if required else "–",
    )
    field.event_field = "stage"
    return field


class StartAssessmentForm(EventForm):
    def save(self):
        p = self.participation
        return services.participation_start_assessment(
            person=p.person, programme=p.programme, on=self.cleaned_data["occurred_on"], by=self.user
        )


class NotArrivedForm(EventForm):
    def save(self):
        return services.participation_not_arrived(**self._common())


class AssessmentResultForm(EventForm):
    result = event_field(E.ASSESSMENT_RESULT, "result")
    stage = stage_field(E.ASSESSMENT_RESULT)

    def save(self):
        return services.participation_assessment_result(
            **self._common(), result=self.cleaned_data["result"], stage=self.cleaned_data["stage"]
        )


class WaitlistForm(EventForm):
    stage = stage_field(E.WAITLIST)

    def save(self):
        return services.participation_waitlist(**self._common(), stage=self.cleaned_data["stage"])


class MeasureChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        self.occupancy: dict[int, tuple[int, bool]] = {}
        self.entry_notes: dict[int, str] = {}  # measures without rolling entry: their next start
        kwargs.setdefault("empty_label", _("Bitte wählen"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Measure) -> str:
        taken, free = self.occupancy.get(obj.pk, (0, True))
        stages = ", ".join(stage.code for stage in obj.stages.all())
        text = _(
            "%(code)s – %(name)s (%(provider)s; Stufen %(stages)s) – belegt %(taken)s von %(places)s"
        ) % {
            "code": obj.code,
            "name": obj.name,
            "provider": obj.provider.name,
            "stages": stages,
            "taken": taken,
            "places": obj.places,
        }
        if not free:
            text += " – " + str(_("voll, Überbelegung nur mit Bestätigung"))
        if obj.pk in self.entry_notes:
            text += " – " + self.entry_notes[obj.pk]
        return text


def entry_note(measure: Measure, on: dt.date) -> str:
    """How a measure without rolling entry takes entries, for its choice label: at its start
    dates; the next one from ``on`` is proposed (``programmes.entry_dates``)."""
    following = next_start_date(measure, on)
    if following == on:
        return str(_("Einstieg zu Startterminen; %(date)s ist ein Starttermin") % {"date": f"{on:%d.%m.%Y}"})
    if following is None:
        return str(_("Einstieg zu Startterminen; kein weiterer Starttermin"))
    return str(
        _("Einstieg zu Startterminen; nächster Starttermin %(date)s") % {"date": f"{following:%d.%m.%Y}"}
    )


def confirm_entry_date_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Eintritt außerhalb der Starttermine bestätigen"),
        required=False,
        help_text=_(
            "Nur bei Maßnahmen ohne durchlaufenden Einstieg, wenn das Datum kein Starttermin ist "
            "(etwa bei einem verspäteten Eintritt)."
        ),
    )


class EnterForm(EventForm):
    """Entry into a measure: only measures with a free place on the chosen day are offered."""

    measure = MeasureChoiceField(label=_("Maßnahme"), queryset=Measure.objects.none())
    stage = stage_field(E.ENTRY)
    planned_end = event_field(E.ENTRY, "planned_end")
    employment_status = event_field(E.ENTRY, "employment_status")
    unemployed_since = event_field(E.ENTRY, "unemployed_since")
    benefit = event_field(E.ENTRY, "benefit")
    confirm_overbooking = forms.BooleanField(
        label=_("Überbelegung bestätigen"),
        required=False,
        help_text=_("Nur bei Maßnahmen, die eine Überbelegung zulassen."),
    )
    confirm_entry_date = confirm_entry_date_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        on = self._chosen_date()
        # only measures of the user's area (casework.area): a regional office is not offered
        # another region's measures, a provider only its own
        in_area = set(measures_in_area(self.user).values_list("pk", flat=True))
        offered = [o for o in measures_with_free_places(self.participation, on) if o[0].pk in in_area]
        field = self.fields["measure"]
        if not self.is_bound and "stage" in self.fields and not self.initial.get("stage"):
            self.initial["stage"] = self.suggested_stage_id()
        if not self.is_bound and not self.initial.get("measure") and self.initial.get("stage"):
            serving = [
                m for m, _t, _f in offered if any(s.pk == self.initial["stage"] for s in m.stages.all())
            ]
            if len(serving) == 1:  # exactly one measure for the stage: preselected
                self.initial["measure"] = serving[0].pk
        # the participant's own region first, then the rest (a measure elsewhere is possible)
        field.queryset = (
            Measure.objects.filter(pk__in=[m.pk for m, _t, _f in offered])
            .select_related("provider")
            .prefetch_related("stages")
            .annotate(elsewhere=Case(When(region_id=self.participation.region_id, then=0), default=1))
            .order_by("elsewhere", "code")
        )
        field.occupancy = {m.pk: (taken, free) for m, taken, free in offered}
        field.help_text = _("Angeboten werden Maßnahmen mit freiem Platz am %(date)s.") % {
            "date": on.strftime("%d.%m.%Y")
        }
        if not any(m.allow_overbooking for m, _t, _f in offered):
            del self.fields["confirm_overbooking"]
        field.entry_notes = {m.pk: entry_note(m, on) for m, _t, _f in offered if not m.rolling_entry}
        if all(takes_entry_on(m, on) for m, _t, _f in offered):
            del self.fields["confirm_entry_date"]

    def suggested_stage_id(self) -> int | None:
        """The stage to preselect: the waiting list's stage, else the stage of the latest
        assessment result „geeignet für Stufe X“ (``assessed_stage_id``), else the current one."""
        p = self.participation
        return p.waiting_stage_id or assessed_stage_id(p) or p.current_stage_id

    def _chosen_date(self) -> dt.date:
        """The day the places are counted for: the submitted date, else the initial one."""
        raw = (
            self.data.get(self.add_prefix("occurred_on"))
            if self.is_bound
            else self.initial.get("occurred_on")
        )
        return parse_date(raw) or timezone.localdate()

    def save(self):
        data = self.cleaned_data
        return services.enrolment_enter(
            **self._common(),
            measure=data["measure"],
            stage=data["stage"],
            planned_end=data["planned_end"],
            employment_status=data["employment_status"],
            unemployed_since=data["unemployed_since"],
            benefit=data["benefit"],
            confirm_overbooking=data.get("confirm_overbooking", False),
            confirm_entry_date=data.get("confirm_entry_date", False),
        )


class ChangeStageForm(EnterForm):
    change = event_field(E.STAGE_CHANGE, "change")

    def suggested_stage_id(self) -> int | None:
        return self.participation.current_stage_id

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("employment_status", "unemployed_since", "benefit"):
            del self.fields[name]

    def save(self):
        data = self.cleaned_data
        return services.enrolment_change_stage(
            **self._common(),
            measure=data["measure"],
            stage=data["stage"],
            change=data["change"],
            planned_end=data["planned_end"],
            confirm_overbooking=data.get("confirm_overbooking", False),
            confirm_entry_date=data.get("confirm_entry_date", False),
        )


class ExtendForm(EventForm):
    planned_end = event_field(E.EXTENSION, "planned_end", _("neues geplantes Ende"))
    reason_code = event_field(E.EXTENSION, "reason_code", _("Grund der Verlängerung"))
    reason = event_field(E.EXTENSION, "reason", _("Anmerkung zum Grund"))

    def save(self):
        return services.enrolment_extend(
            **self._common(),
            planned_end=self.cleaned_data["planned_end"],
            reason=self.cleaned_data["reason"],
            reason_code=self.cleaned_data["reason_code"],
        )


class InterruptForm(EventForm):
    reason = event_field(E.INTERRUPTION, "reason")

    def save(self):
        return services.enrolment_interrupt(**self._common(), reason=self.cleaned_data["reason"])


class ResumeForm(InterruptForm):
    def save(self):
        return services.enrolment_resume(**self._common(), reason=self.cleaned_data["reason"])


class ExitForm(EventForm):
    exit_kind = event_field(E.EXIT, "exit_kind")
    # optional on every path (``journeys.spec``): „unbekannt“ says so, an empty choice too
    statuses = event_field(
        E.EXIT,
        "statuses",
        _("Status beim Austritt"),
        help_text=_("Mehrere möglich. Ist der Status nicht bekannt: „unbekannt“ wählen oder leer lassen."),
    )
    reason_code = event_field(E.EXIT, "reason_code", _("Grund des Austritts"))
    reason = event_field(E.EXIT, "reason", _("Anmerkung zum Grund"))
    qualification = event_field(E.EXIT, "qualification")

    def save(self):
        data = self.cleaned_data
        return services.enrolment_exit(
            **self._common(),
            kind=data["exit_kind"],
            statuses=data["statuses"],
            reason=data["reason"],
            reason_code=data["reason_code"],
            qualification=data["qualification"],
        )


class ReactivateForm(EventForm):
    def save(self):
        return services.participation_reactivate(**self._common())


def employer_field(kind: str) -> forms.ModelChoiceField:
    """The employer from the register, or a new one (``new_employer``; ``organisations.pick``)."""
    return pick.employer_field(required=spec.KINDS[kind].needs("employer"))


class InternshipForm(pick.EmployerPickMixin, EventForm):
    employer = employer_field(E.INTERNSHIP)
    new_employer = pick.NewEmployerField()
    end_date = event_field(E.INTERNSHIP, "end_date", _("Ende"))
    first_labour_market = event_field(E.INTERNSHIP, "first_labour_market")

    @transaction.atomic  # a refused event leaves no new employer behind
    def save(self):
        data = self.cleaned_data
        return services.internship_record(
            **self._common(),
            employer=self.employer_for_event(),
            end_date=data["end_date"],
            first_labour_market=data["first_labour_market"],
        )


class EmploymentStartForm(pick.EmployerPickMixin, EventForm):
    employment_kind = event_field(E.EMPLOYMENT_START, "employment_kind")
    employer = employer_field(E.EMPLOYMENT_START)
    new_employer = pick.NewEmployerField()
    hours = event_field(E.EMPLOYMENT_START, "hours")
    end_date = event_field(E.EMPLOYMENT_START, "end_date", _("befristet bis"))
    benefit_effect = event_field(E.EMPLOYMENT_START, "benefit_effect")

    @transaction.atomic  # a refused event leaves no new employer behind
    def save(self):
        data = self.cleaned_data
        return services.employment_start_record(
            **self._common(),
            kind=data["employment_kind"],
            employer=self.employer_for_event(),
            hours=data["hours"],
            end_date=data["end_date"],
            benefit_effect=data["benefit_effect"],
        )


class EmploymentEndForm(EventForm):
    def save(self):
        return services.employment_end_record(**self._common())


class QualificationForm(EventForm):
    what = event_field(E.QUALIFICATION, "reason", _("Qualifikation"))  # stored as the event's reason

    def save(self):
        return services.qualification_record(**self._common(), what=self.cleaned_data["what"])


class FollowUpForm(EventForm):
    reached = event_field(E.FOLLOW_UP, "reached")
    statuses = event_field(E.FOLLOW_UP, "statuses")
    source = event_field(E.FOLLOW_UP, "source")

    def save(self):
        data = self.cleaned_data
        return services.follow_up_record(
            **self._common(), statuses=data["statuses"], reached=data["reached"], source=data["source"]
        )


class CorrectEventForm(forms.Form):
    """Correct the date (and the planned end, where the event has one) of an event."""

    occurred_on = date_field()
    planned_end = date_field(_("geplantes Ende"), required=False)
    reason = forms.CharField(label=_("Grund der Korrektur"), max_length=200)

    def __init__(self, *args, event: JourneyEvent, user, **kwargs):
        self.event = event
        self.user = user
        kwargs.setdefault("initial", {}).update(
            {"occurred_on": event.occurred_on, "planned_end": event.planned_end}
        )
        super().__init__(*args, **kwargs)
        if event.planned_end is None and "planned_end" not in spec.KINDS[event.kind].fields:
            del self.fields["planned_end"]
        if event.kind in (E.ENTRY, E.STAGE_CHANGE) and event.measure_id and not event.measure.rolling_entry:
            self.fields["confirm_entry_date"] = confirm_entry_date_field()

    def save(self):
        changes = {"occurred_on": self.cleaned_data["occurred_on"]}
        if "planned_end" in self.fields:
            changes["planned_end"] = self.cleaned_data["planned_end"]
        if self.cleaned_data.get("confirm_entry_date"):
            changes["confirm_entry_date"] = True
        return services.journey_event_correct(
            event=self.event, by=self.user, reason=self.cleaned_data["reason"], **changes
        )


class VoidEventForm(forms.Form):
    reason = event_field(E.VOID, "reason", _("Grund der Rücknahme"))

    def __init__(self, *args, event: JourneyEvent, user, **kwargs):
        self.event = event
        self.user = user
        super().__init__(*args, **kwargs)

    def save(self):
        return services.journey_event_void(event=self.event, by=self.user, reason=self.cleaned_data["reason"])
