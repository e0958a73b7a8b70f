"""The upload form of the web import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.interchange import uploads


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx,.zip,.csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Datei(en)"),
        help_text=_(
            "Eine XLSX-Arbeitsmappe (ein Blatt je Datei), eine ZIP-Datei mit den CSV-Dateien oder "
            "mehrere CSV-Dateien (organisations.csv, programmes.csv, measures.csv, persons.csv, "
            "events.csv, targets.csv, households.csv)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen (Probelauf, nichts wird geschrieben)"),
        required=False,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        try:
            self.kind = uploads.classify(files)
        except uploads.UploadRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return files
