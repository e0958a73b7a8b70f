"""Forms of the data-protection pages: a person by the Personen-ID, the audit trail's filter."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.core.models import AuditEntry
from stufenweg.core.params import BoundedDateField, IdField
from stufenweg.people.models import Person
from stufenweg.privacy.auditexport import AuditFilter


class PersonenIdField(forms.CharField):
    """A person by the Personen-ID (the business key shown on the participant pages), as the
    data-protection officer knows it; cleans to the ``Person`` (``None`` when left empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Personen-ID"))
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)  # stripped
        if not value:
            return None
        person = Person.objects.filter(person_id=value).first()
        if person is None:
            raise forms.ValidationError(_("Keine Person mit dieser Personen-ID."), code="unknown")
        return person


class PersonLookupForm(forms.Form):
    """Art. 15: find the person by the Personen-ID (sent by POST, never in the address)."""

    person_id = PersonenIdField()


class AuditFilterForm(forms.Form):
    """Filter the audit trail by date range (inclusive, local dates), action, user name and person.

    The one filter of the audit page (``web:audit_list``) and of the export on the
    data-protection page. The person is asked for by the Personen-ID, sent by POST; the address
    carries only the database id (``person=<pk>``, see ``from_query`` and ``to_query``).
    """

    date_from = BoundedDateField(
        label=gettext_lazy("von"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = BoundedDateField(
        label=gettext_lazy("bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    action = forms.ChoiceField(label=gettext_lazy("Aktion"), required=False)
    actor = forms.CharField(label=gettext_lazy("Benutzername"), required=False, max_length=150)
    person = PersonenIdField(required=False)

    def __init__(self, *args, **kwargs):
        self._query_error = None
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("alle"))] + [
            (value, _(label)) for value, label in AuditEntry.Action.choices
        ]
        # <input type="date"> always sends ISO dates; typed German dates are accepted as well.
        for name in ("date_from", "date_to"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    @classmethod
    def from_query(cls, query: QueryDict, *, bind_empty: bool = False):
        """Bind to a query string, where the person is the database id; the form shows its
        Personen-ID. Unbound when the query string carries no filter, unless ``bind_empty``."""
        if not bind_empty and not any(query.get(name) for name in cls.base_fields):
            return cls()
        data = query.copy()
        raw = data.pop("person", [""])[-1]
        error = None
        if raw:
            try:
                pk = IdField(required=False).clean(raw)
            except forms.ValidationError as exc:
                error = exc
            else:
                person = Person.objects.filter(pk=pk).only("person_id").first()
                if person is None:
                    error = forms.ValidationError(_("Keine Person mit dieser ID."), code="unknown")
                else:
                    data["person"] = person.person_id
        form = cls(data)
        form._query_error = error
        return form

    def clean(self):
        data = super().clean()
        if self._query_error is not None:
            self.add_error("person", self._query_error)
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:  # an empty file would look like „nothing happened“
            self.add_error("date_to", _("Das Enddatum muss am oder nach dem Anfangsdatum liegen."))
        return data

    def audit_filter(self) -> AuditFilter:
        data = self.cleaned_data
        person = data.get("person")
        return AuditFilter(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            actor=(data.get("actor") or "").strip(),
            person_pk=person.pk if person else None,
            action=data.get("action") or "",
        )

    def to_query(self) -> str:
        """The cleaned filters as a query string, the person by database id only."""
        data = self.cleaned_data
        pairs = [(name, data[name].isoformat()) for name in ("date_from", "date_to") if data.get(name)]
        pairs += [(name, data[name]) for name in ("action", "actor") if data.get(name)]
        if data.get("person"):
            pairs.append(("person", str(data["person"].pk)))
        if data.get("format"):
            pairs.append(("format", data["format"]))
        return urlencode(pairs)


class AuditExportForm(AuditFilterForm):
    """The audit filter and the file format of the export."""

    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        initial="csv",
        required=False,
    )
