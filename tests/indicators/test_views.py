"""Report web page: who may see it, background run, downloads, charts; targets page."""

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.indicators.models import ReportRun
from stufenweg.programmes.models import Target

D = dt.date


def _post(client, w, **extra):
    data = {"programme": w.programme.pk, "date_from": "2023-01-01", "date_to": "2023-12-31", **extra}
    return client.post(reverse("indicators:report"), data)


@pytest.mark.parametrize("persona", ["provider", "jobcenter", "mentor", "outsider", "dpo"])
def test_others_get_404(w, client, persona):
    client.force_login(w.personas[persona])
    assert client.get(reverse("indicators:report")).status_code == 404
    assert client.get(reverse("indicators:targets")).status_code == 404


def test_coordinator_runs_report_and_downloads(w, client, journey):
    j = journey()
    j.assess()
    j.enter(D(2023, 2, 1))
    j.exit(D(2023, 6, 30), "regular", ["employed_svb"])
    client.force_login(w.personas["coordinator"])
    assert client.get(reverse("indicators:report")).status_code == 200
    response = _post(client, w, by=["stage"])
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert run.status == "done"  # immediate backend in tests
    page = client.get(reverse("indicators:run", args=[run.pk]))
    content = page.content.decode()
    assert "1 / 1 = 100,0" in content  # success rate with numerator and denominator
    assert "Person" not in content or "Nachname" not in content
    assert j.person.last_name not in content  # aggregates only
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF"), ("csv", b"\xef\xbb\xbfProgramm;"), ("json", b"{")):
        body = client.get(reverse("indicators:download", args=[run.pk, fmt])).content
        assert body.startswith(magic)
    png = client.get(reverse("indicators:chart", args=[run.pk, "entries"]))
    assert png["Content-Type"] == "image/png"
    # another user cannot open this run
    client.force_login(w.personas["regional"])
    assert client.get(reverse("indicators:run", args=[run.pk])).status_code == 404


def test_regional_office_report_is_limited_to_its_region(w, client, journey):
    a = journey()
    a.assess()
    a.enter(D(2023, 2, 1), measure=w.measure_a)  # region A
    b = journey()
    b.assess()
    b.enter(D(2023, 2, 1), measure=w.measure_b, stage=w.s4)  # region B
    client.force_login(w.personas["regional"])
    _post(client, w)
    run = ReportRun.objects.get()
    assert run.params["region_codes"] == ["RA"]
    prog = next(s for s in run.result["sections"] if s["id"] == "prog")
    participants = next(r for r in prog["rows"] if r["id"] == "prog.participants")
    assert participants["cells"][0] == 1


def test_form_errors_next_to_field(w, client):
    client.force_login(w.personas["coordinator"])
    response = _post(client, w, date_to="2022-01-01")
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()


def test_the_form_offers_the_year_so_far_as_iso_dates_the_date_field_can_show(w, client):
    """``<input type="date">`` shows only ISO values; a German "01.01.2026" would stay empty and
    the report would be refused for want of a period."""
    from django.utils import timezone

    client.force_login(w.personas["coordinator"])
    html = client.get(reverse("indicators:report")).content.decode()
    today = timezone.localdate()
    assert f'type="date" name="date_from" value="{today.year}-01-01"' in html
    assert f'type="date" name="date_to" value="{today.isoformat()}"' in html


def test_the_only_active_programme_is_chosen_and_several_ask_for_a_choice(w, client):
    from stufenweg.programmes.models import Programme

    client.force_login(w.personas["coordinator"])
    Programme.objects.exclude(pk=w.programme.pk).update(active=False)
    html = client.get(reverse("indicators:report")).content.decode()
    assert f'<option value="{w.programme.pk}" selected>' in html
    Programme.objects.create(code="ZWEI", name="Zweites Programm", active=True)
    html = client.get(reverse("indicators:report")).content.decode()
    assert '<option value="" selected>Bitte wählen</option>' in html
    assert f'<option value="{w.programme.pk}" selected>' not in html


def test_targets_page_and_attainment(w, client, journey):
    client.force_login(w.personas["coordinator"])
    response = client.post(
        reverse("indicators:targets"),
        {
            "programme": w.programme.pk,
            "indicator": "flow.stage_entries",
            "period_from": "2023-01-01",
            "period_to": "2023-12-31",
            "region": w.region_a.pk,
            "target": "4",
        },
    )
    assert response.status_code == 302
    assert Target.objects.count() == 1
    from stufenweg.core.models import AuditEntry

    audit = AuditEntry.objects.get(object_type="programmes.target")
    assert audit.actor == w.personas["coordinator"] and audit.action == "create"
    for _ in range(2):
        j = journey()
        j.assess()
        j.enter(D(2023, 2, 1))
    from stufenweg.indicators.results import ReportParams, contract_report

    report = contract_report(
        ReportParams(
            programme=w.programme,
            date_from=D(2023, 1, 1),
            date_to=D(2023, 12, 31),
            indicators=("prog.target_attainment",),
        )
    )
    row = report["rows"][0]
    assert row["group"]["indicator"] == "flow.stage_entries"
    assert row["group"]["region"] == "RA"
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4.0, 0.5)
