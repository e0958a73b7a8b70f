"""The start page per persona: real figures, only the persona's own people, reads audited.

Expected figures are worked out by hand from the scenario table in conftest.py (today 15.06.2025).
"""

from __future__ import annotations

import re

from django.urls import reverse

from stufenweg.core.models import AuditEntry

NAMES = ["Aktiv", "Pruefung", "Ausgetreten", "Wartend", "Fremdregion", "Mentee", "Storniert"]


def _main_text(client) -> str:
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _names_shown(text: str) -> set[str]:
    return {name for name in NAMES if f"{name}, Testa" in text}


def _as(client, scenario, persona):
    client.force_login(scenario.world.personas[persona])
    return _main_text(client)


def test_coordination_office_sees_programme_figures(client, scenario):
    text = _as(client, scenario, "coordinator")
    # JPS: active = Aktiv, Fremdregion, Mentee; waiting = Wartend;
    # entries 2025 = Aktiv, Fremdregion, Mentee (Ausgetreten entered 2024, Storniert's entry voided);
    # exits 2025 = Ausgetreten
    assert "JobPerspektive Test (JPS) 3 1 3 1" in text
    assert "Eintritte 2025" in text
    assert _names_shown(text) == set()  # figures only, no names


def test_regional_office_sees_its_region_and_tasks(client, scenario):
    text = _as(client, scenario, "regional")
    assert "Ihre Region: Region A" in text
    assert "aktiv 2 auf der Warteliste 1" in text  # Aktiv, Mentee; Wartend
    assert "JPS · Stufe 4 – VdB 1" in text
    assert "Geplantes Ende bis 15.07.2025: 1 Person" in text  # Aktiv, 01.07.2025
    assert "Aktiv, Testa JPS Stufe 3 – IEB in Stufe 01.07.2025" in text
    # without an event since 04.05.2025: Pruefung (17.01.2025), Mentee (01.04.2025)
    assert "Seit 04.05.2025 ohne Ereignis: 2 Personen" in text
    assert _names_shown(text) == {"Aktiv", "Pruefung", "Mentee"}


def test_regional_office_does_not_see_a_person_of_another_region(client, scenario):
    text = _as(client, scenario, "regional")
    assert "Fremdregion" not in text  # region B, planned end 10.07.2025 would be a task otherwise


def test_provider_sees_places_and_its_participants(client, scenario):
    text = _as(client, scenario, "provider")
    # MA: 3 places, open enrolment of Aktiv only (Ausgetreten exited, Storniert voided)
    assert "(MA) JPS 3 1 2" in text
    assert "Aktive Teilnehmende: 1 Person" in text
    assert _names_shown(text) == {"Aktiv"}
    assert "(MB)" not in text and "(MM)" not in text


def test_mentoring_project_sees_its_mentees(client, scenario):
    text = _as(client, scenario, "mentor")
    assert "Mentees: 1 Person" in text
    assert "(MM) JPS 3 1 2" in text
    assert _names_shown(text) == {"Mentee"}


def test_jobcenter_sees_the_people_it_referred(client, scenario):
    text = _as(client, scenario, "jobcenter")
    # referred by JC A: all but Fremdregion (JC B)
    assert "Von Ihnen zugewiesen: 6 Personen" in text
    assert "in Eignungsfeststellung 2 auf der Warteliste 1 in Stufe 2 ausgetreten 1" in text
    assert _names_shown(text) == set(NAMES) - {"Fremdregion"}
    # latest first: Storniert referred 20.05.2025
    assert text.index("Storniert, Testa") < text.index("Ausgetreten, Testa")
    assert "Storniert, Testa JPS 20.05.2025 in Eignungsfeststellung 27.05.2025" in text


def test_dpo_sees_audit_entries_but_no_names(client, scenario):
    client.force_login(scenario.world.personas["regional"])
    client.get(reverse("web:home"))
    text = _as(client, scenario, "dpo")
    assert "Neueste Protokolleinträge" in text
    assert "regional Gelesen Person " in text
    assert _names_shown(text) == set()
    assert "Testa" not in text


def test_user_without_organisation_gets_an_explanation(client, scenario):
    text = _as(client, scenario, "outsider")
    assert "Ihrem Konto ist keine Organisation zugeordnet." in text
    assert _names_shown(text) == set()


def test_reads_of_named_people_are_audited(client, scenario):
    user = scenario.world.personas["regional"]
    client.force_login(user)
    before = AuditEntry.objects.filter(actor=user).count()
    client.get(reverse("web:home"))
    reads = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.READ, purpose="Startseite")
    assert AuditEntry.objects.filter(actor=user).count() == before + 3
    people = scenario.people
    assert set(reads.values_list("person_id", flat=True)) == {
        people["aktiv"].pk,
        people["pruefung"].pk,
        people["mentee"].pk,
    }


def test_figures_only_page_writes_no_read_audit(client, scenario):
    user = scenario.world.personas["coordinator"]
    client.force_login(user)
    client.get(reverse("web:home"))
    assert not AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.READ).exists()


def test_names_link_to_the_participant_page_when_it_exists(client, scenario, settings):
    settings.ROOT_URLCONF = "tests.web.nav_urls"
    client.force_login(scenario.world.personas["provider"])
    html = client.get("/").content.decode()
    pk = scenario.people["aktiv"].pk
    assert f'<a href="/teilnehmende/{pk}/">Aktiv, Testa</a>' in html


def test_names_are_plain_text_without_participant_page(client, scenario, settings):
    settings.ROOT_URLCONF = "tests.web.nav_urls_minimal"
    client.force_login(scenario.world.personas["provider"])
    html = client.get("/").content.decode()
    assert "<td>Aktiv, Testa</td>" in html
