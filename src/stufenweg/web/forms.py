"""Forms of the shared web layer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.core.models import AuditEntry
from stufenweg.core.params import BoundedDateField, IdField


class AuditFilterForm(forms.Form):
    """Filter the audit trail by date range (inclusive, local dates), action, user name and person."""

    date_from = BoundedDateField(
        label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = BoundedDateField(
        label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    action = forms.ChoiceField(label=_("Aktion"), required=False)
    # the same filters as the export on the data-protection page (privacy.views.AuditExportForm)
    actor = forms.CharField(label=_("Benutzername"), required=False, max_length=150)
    person = IdField(label=_("Person-ID"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("alle"))] + [
            (value, _(label)) for value, label in AuditEntry.Action.choices
        ]
        # <input type="date"> always sends ISO dates; typed German dates are accepted as well.
        for name in ("date_from", "date_to"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Das Enddatum muss am oder nach dem Anfangsdatum liegen."))
        return data
