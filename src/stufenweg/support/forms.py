"""Forms of the support entries on the participant page and of the programme's phases."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import date_field
from stufenweg.support.codes import (
    DATE_FIELD,
    NEXT,
    SERVICE_GROUPS,
    BarrierKind,
    ProfileCategory,
    ReferralStatus,
    ServiceKind,
)
from stufenweg.support.models import ServiceReferral
from stufenweg.support.services import reached_statuses

NOTES_HELP = _("Wird verschlüsselt gespeichert und nicht durchsucht.")
LABELS = dict(ServiceKind.choices)
STATUS_LABELS = dict(ReferralStatus.choices)


def _today(kwargs, field):
    kwargs.setdefault("initial", {}).setdefault(field, timezone.localdate())


def notes_field():
    return forms.CharField(
        label=_("Notiz"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NOTES_HELP
    )


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Angebot"),
        choices=[("", _("Bitte wählen"))]
        + [(group, [(code, LABELS[code]) for code in codes]) for group, codes in SERVICE_GROUPS],
        error_messages={"required": _("Bitte wählen Sie das Angebot aus.")},
    )
    provider = forms.CharField(
        label=_("Stelle"),
        required=False,
        max_length=160,
        help_text=_("z. B. Schuldnerberatung der Diakonie, Sprachkursträger"),
    )
    on = date_field(_("geplant am"))
    notes = notes_field()

    def __init__(self, *args, **kwargs):
        _today(kwargs, "on")
        super().__init__(*args, **kwargs)


class ReferralStatusForm(forms.Form):
    """The next status of a referral (only those that may follow its status) and its day."""

    status = forms.ChoiceField(label=_("neuer Stand"))
    on = date_field(_("am"))

    def __init__(self, *args, referral: ServiceReferral, **kwargs):
        _today(kwargs, "on")
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, STATUS_LABELS[s]) for s in NEXT[referral.status]]


class ReferralCorrectForm(forms.Form):
    """A correction: back to (or a new day for) a status the referral has reached."""

    status = forms.ChoiceField(
        label=_("richtiger Stand"),
        help_text=_("Die Daten der späteren Stände werden gelöscht; der Verlauf behält die Korrektur."),
    )
    on = date_field(_("am"))

    def __init__(self, *args, referral: ServiceReferral, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("status", referral.status)
        kwargs["initial"].setdefault("on", getattr(referral, DATE_FIELD[referral.status]))
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, STATUS_LABELS[s]) for s in reached_statuses(referral)]


class BarrierForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hemmnis"), choices=BarrierKind.choices)
    present = forms.TypedChoiceField(
        label=_("Stand"),
        coerce=lambda v: v == "true",
        choices=[("true", _("liegt vor")), ("false", _("liegt nicht (mehr) vor"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte geben Sie an, ob das Hemmnis vorliegt.")},
    )
    assessed_on = date_field(_("festgestellt am"))
    notes = notes_field()

    def __init__(self, *args, **kwargs):
        _today(kwargs, "assessed_on")
        super().__init__(*args, **kwargs)


class PhaseForm(forms.Form):
    phase = forms.TypedChoiceField(label=_("Phase"), coerce=int)
    on = date_field(_("seit"))

    def __init__(self, *args, phases: list[str], **kwargs):
        _today(kwargs, "on")
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(i, name) for i, name in enumerate(phases, start=1)]


class ProfileForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Profillage"),
        choices=ProfileCategory.choices,
        help_text=_(
            "Markt-, Aktivierungs- und Förderprofil: Integration innerhalb von 12 Monaten erwartet; "
            "Entwicklungs-, Stabilisierungs- und Unterstützungsprofil: komplexe Profillagen."
        ),
    )
    assessed_on = date_field(_("eingeschätzt am"))

    def __init__(self, *args, **kwargs):
        _today(kwargs, "assessed_on")
        super().__init__(*args, **kwargs)


class PhasesForm(forms.Form):
    names = forms.CharField(
        label=_("Phasen (eine je Zeile, in ihrer Reihenfolge)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        help_text=_(
            "Eine Zeile ändert den Namen der Phase an ihrer Stelle. Entfernte Phasen werden nicht mehr "
            "angeboten; frühere Phasenwechsel behalten ihren Namen."
        ),
    )
