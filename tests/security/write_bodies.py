"""Valid-looking bodies for the write-authority test: ``body(world, which case, persona)`` →
``(path, data)``. A body is valid for the personas that may write (their POST does write), so that
a refusal for the others is about authority, not about a broken form."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.casework.test_write_scope import write_requests
from tests.interchange.conftest import BASE
from tests.security.write_rules import Body


def fixed(url_name: str, data: dict | None = None, *, pk=None) -> Body:
    """The same request for every case and persona; ``pk(world)`` fills the URL's id."""
    return lambda ww, which, persona: (reverse(url_name, args=[pk(ww)] if pk else []), dict(data or {}))


def casework(name: str) -> Body:
    """The valid POST data of ``tests.casework.test_write_scope`` for the case."""
    return lambda ww, which, persona: write_requests(ww.cases[which], ww.world)[name]


def follow_up(ww, which, persona):
    url = reverse("casework:journey_action", args=[ww.cases[which].participation.pk, "verbleib"])
    return url, {
        "occurred_on": "2024-12-20",
        "reached": "true",
        "statuses": ["employed_svb"],
        "source": "self",
    }


def refer(ww, which, persona):
    w = ww.world
    referrer, region = (w.jobcenter_b, w.region_b) if persona == "mixed" else (w.jobcenter_a, w.region_a)
    return reverse("casework:refer"), {
        "person_id": f"NEU-{persona}",
        "last_name": "Neumann",
        "first_name": "Nora",
        "birth_date": "1985-04-03",
        "gender": "f",
        "programme": w.programme.pk,
        "region": region.pk,
        "referrer": referrer.pk,
        "occurred_on": "2024-05-02",
    }


def reassign(ww, which, persona):
    """The case to the persona itself (one of the caseworkers it may choose)."""
    user = ww.personas.get(persona)
    return reverse("casework:caseload"), {
        "von": ww.caseworkers[which].pk,
        "participations": [ww.cases[which].participation.pk],
        "caseworker": user.pk if user else 0,
    }


def take(ww, which, persona):
    """„Fall übernehmen“: the case to the persona itself."""
    return reverse("casework:case_take", args=[ww.cases[which].participation.pk]), {}


def assign(ww, which, persona):
    """„Fachkraft zuweisen“: the case to the persona itself (one of the staff it may choose)."""
    user = ww.personas.get(persona)
    return reverse("casework:caseworker_assign", args=[ww.cases[which].participation.pk]), {
        "caseworker": user.pk if user else 0
    }


def _exchange_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in BASE.items():  # other codes than the world's (JPS, MA exist there)
            archive.writestr(
                name, text.replace("JPS", "JPX").replace(",MA,", ",MX,").replace("MA,Maß", "MX,Maß")
            )
    return buffer.getvalue()


EXCHANGE_ZIP = _exchange_zip()


def upload(ww, which, persona):
    return reverse("interchange:upload"), {"files": SimpleUploadedFile("daten.zip", EXCHANGE_ZIP)}


def target(ww, which, persona):
    w = ww.world
    return reverse("indicators:targets"), {
        "programme": w.programme.pk,
        "indicator": "flow.stage_entries",
        "period_from": "2025-01-01",
        "period_to": "2025-12-31",
        "region": w.region_a.pk,
        "target": "4",
    }


def _measure(w, **values) -> dict:
    return {
        "code": "NEU-M",
        "name": "Neue Maßnahme",
        "programme": w.programme.pk,
        "stages": [w.s3.pk],
        "provider": w.provider_a.pk,
        "region": w.region_a.pk,
        "places": "8",
        "start": "2025-02-01",
        "end": "2025-12-31",
        "start_dates": "01.08.2025",
        **values,
    }


def measure_new(ww, which, persona):
    return reverse("measures_admin:create"), _measure(ww.world)


def measure_edit(ww, which, persona):
    w = ww.world
    data = _measure(w, code=w.measure_a.code, stages=[w.s2.pk, w.s3.pk], places="9", rolling_entry="on")
    return reverse("measures_admin:edit", args=[w.measure_a.pk]), {**data, "start_dates": ""}


def report(ww, which, persona):
    data = {"programme": ww.world.programme.pk, "date_from": "2024-01-01", "date_to": "2024-12-31"}
    return reverse("indicators:report"), data


def anonymise(ww, which, persona):
    return reverse("privacy:anonymise", args=[ww.cases[which].participation.person_id]), {}


def api_person(ww, which, persona):
    data = {
        "person_id": f"API-{persona}",
        "first_name": "Alma",
        "last_name": "Api",
        "birth_date": "1984-02-03",
    }
    return reverse("api:person-list"), data


def api_event(kind: str, **fields) -> Body:
    """A journey event of ``kind`` for the case (a void names the case's internship)."""

    def body(ww, which, persona):
        case = ww.cases[which]
        data = {"person_id": case.participation.person.person_id, "programme": "JPS", "event": kind, **fields}
        if kind == "void":
            data["supersedes"] = case.internship.event_id
        return reverse("api:event-list"), data

    return body


# --- organisations administration and employer register ------------------------------------------


def organisation_new(ww, which, persona):
    return reverse("organisations:organisation_create"), {
        "code": "BDL-NEU",
        "name": "Neuer Träger",
        "kind": "provider",
        "region": ww.world.region_a.pk,
    }


def organisation_edit(ww, which, persona):
    org = ww.world.provider_b
    return reverse("organisations:organisation_edit", args=[org.pk]), {
        "code": org.code,
        "name": "Träger B (umbenannt)",
        "kind": org.kind,
        "region": org.region_id,
        "active": "on",
    }


def internship_new_employer(ww, which, persona):
    """An internship whose employer is created in the same form (organisations.pick)."""
    url = reverse("casework:journey_action", args=[ww.cases[which].participation.pk, "praktikum"])
    return url, {
        "occurred_on": "2024-04-02",
        "new_employer_name": "Neuer Praktikumsbetrieb",
        "first_labour_market": "true",
    }


def region_new(ww, which, persona):
    return reverse("organisations:region_create"), {"code": "RN", "name": "Region Neu"}


def region_edit(ww, which, persona):
    region = ww.world.region_b
    return reverse("organisations:region_edit", args=[region.pk]), {"code": region.code, "name": "Region B2"}


def employer_new(ww, which, persona):
    return reverse("organisations:employer_create"), {
        "name": "Neuer Betrieb",
        "sector": "G",
        "postcode": "01067",
        "town": "Dresden",
        "contact_name": "Erika Beispiel",
    }


def employer_edit(ww, which, persona):
    employer = ww.world.employer
    return reverse("organisations:employer_edit", args=[employer.pk]), {
        "name": employer.name,
        "code": employer.code,
        "region": employer.region_id,
        "active": "on",
        "sector": "Q",
        "town": "Dresden",
    }


# --- person details and documents (people) ---------------------------------------------------------


def person_edit(ww, which, persona):
    person = ww.cases[which].participation.person
    return reverse("people:person_edit", args=[person.pk]), {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "birth_date": person.birth_date.isoformat(),
        "gender": person.gender,
        "nationality": "PL",
        "disability": "yes",
        "isced": "3",
        "town": "Bautzen",
    }


def document_add(ww, which, persona):
    person = ww.cases[which].participation.person
    return reverse("people:document_add", args=[person.pk]), {
        "kind": "certificate",
        "file": SimpleUploadedFile("zeugnis.pdf", b"%PDF-1.4\n%%EOF\n"),
    }


def document_delete(ww, which, persona):
    return reverse("people:document_delete", args=[ww.cases[which].document.pk]), {}
