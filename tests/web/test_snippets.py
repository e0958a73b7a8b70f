"""The shared snippets render labels, help and errors accessibly; the empty state and page window."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from stufenweg.web.templatetags.web_tags import page_window


class SampleForm(forms.Form):
    name = forms.CharField(label="Nachname", help_text="Wie im Ausweis.")
    consent = forms.BooleanField(label="Einwilligung liegt vor", required=False)


def test_field_with_help_and_error_is_described_by_both():
    form = SampleForm(data={"name": ""})
    assert not form.is_valid()
    html = render_to_string("web/partials/form_field.html", {"field": form["name"]})
    assert '<label class="field__label" for="id_name">Nachname' in html
    assert '<span class="field__help" id="id_name_helptext">Wie im Ausweis.</span>' in html
    assert '<span class="field__error" id="id_name_error">' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "field--error" in html


def test_valid_field_is_not_marked_invalid():
    form = SampleForm(data={"name": "Krause"})
    assert form.is_valid()
    html = render_to_string("web/partials/form_field.html", {"field": form["name"]})
    assert "aria-invalid" not in html
    assert "field__error" not in html


def test_checkbox_has_its_label_after_the_box():
    html = render_to_string("web/partials/form_field.html", {"field": SampleForm()["consent"]})
    assert "field--check" in html
    assert html.index('type="checkbox"') < html.index('<label class="field__label" for="id_consent">')


def test_empty_state_with_action():
    html = render_to_string(
        "web/partials/empty.html",
        {
            "title": "Keine Teilnehmenden",
            "text": "Noch niemand.",
            "action_url": "/neu/",
            "action_label": "Anlegen",
        },
    )
    assert '<p class="empty__title">Keine Teilnehmenden</p>' in html
    assert '<a class="button button--secondary" href="/neu/">Anlegen</a>' in html


def test_page_window_elides_far_pages():
    paginator = Paginator(list(range(200)), 10)  # 20 pages
    assert page_window(paginator, 10) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_window(paginator, 1) == [1, 2, 3, None, 20]
