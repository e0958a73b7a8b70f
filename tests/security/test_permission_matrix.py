"""The permission matrix: every URL pattern of the project × every persona.

Data-driven over ``get_resolver()``: a URL added later by any app fails
``test_every_route_is_classified`` until it is entered in ROUTES below, and from then on every
persona is checked against it. Objects come from ``matrix_world``: a case that the region-A
personas may see and one in region B that only the coordination office sees.

This matrix sends GET; what every persona may *write* (POST, PUT, PATCH, DELETE) through every
route is ``test_write_authority.py``. Personas: ``tests.conftest``'s and ``matrix_world``'s
(statistics, readonly, mixed, coord_readonly: read-only at the coordination office). Rules checked:

* anonymous users reach only PUBLIC routes (web pages redirect to the login, the API refuses);
* an object outside a persona's scope is a 404 (never 200, never a 403 that confirms it exists);
* an object inside the scope opens (200), or is refused with 403 where the persona's role or
  organisation kind may not act (read-only members may never write);
* writing is decided per object: the ``mixed`` persona (read-only at regional office A, caseworker
  at regional office B) gets 403 on every write route for the region-A case and 200 for the
  region-B case;
* DPO pages only for the data-protection officer, the audit list only for them;
* no response to a persona shows the name of a person outside its scope; the statistics role,
  the data-protection officer and outsiders see no person at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.security.employers_world import REGISTER_READERS, contact_changers
from tests.security.matrix_world import HIDDEN_NAME, VISIBLE_NAME, filter_of
from tests.security.urlmap import Route, all_routes, fill
from tests.security.write_bodies_mentoring import READERS as MENTORING_READERS

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator",
    "regional",
    "readonly",
    "coord_readonly",
    "provider",
    "jobcenter",
    "mentor",
    "outsider",
    "dpo",
    "statistics",
    "mixed",
]
SEES_VISIBLE = {"coordinator", "coord_readonly", "regional", "readonly", "provider", "jobcenter", "mixed"}
SEES_HIDDEN = {"coordinator", "coord_readonly", "mixed"}
READ_ONLY = {"readonly", "coord_readonly"}  # read-only at regional office A / at the coordination office
NO_PERSONS = {"anonymous", "outsider", "dpo", "statistics", "mentor"}


@dataclass(frozen=True)
class Spec:
    kind: str  # public | page | step | dpo | object | dpo_object | post_only | own_object | coordination | employers
    param: str = (
        ""  # which object fills <pk>: person, participation, event, plan_action, appointment, import_run
    )
    write: bool = False  # a form that changes data (read-only members get 403)
    extra: tuple[tuple[str, str], ...] = ()  # other URL parameters


ROUTES: dict[str, Spec] = {
    # public
    "web:login": Spec("public"),
    "core:health": Spec("public"),
    "set_language": Spec("public"),
    "web:logout": Spec("post_only"),
    # accounts (two-factor pages; reachable by every signed-in user)
    "accounts:overview": Spec("page"),
    "accounts:setup": Spec("page"),
    "accounts:verify": Spec("step"),  # redirects onwards when there is nothing to verify
    "accounts:recovery_codes": Spec("step"),
    "accounts:recovery_codes_renew": Spec("post_only"),
    "accounts:api_key_create": Spec("post_only"),
    "accounts:api_key_revoke": Spec("post_only"),  # own keys only: tests/accounts/test_api_key_page.py
    "accounts:password_change": Spec("page"),
    "accounts:password_link": Spec("public"),  # the one-time link from the account administration
    # web
    "web:home": Spec("page"),
    "web:audit_list": Spec("dpo"),
    # API
    "api:docs": Spec("public"),  # the API description holds no data
    "api:schema": Spec("public"),
    "api:programme-list": Spec("page"),
    "api:measure-list": Spec("page"),
    "api:person-list": Spec("page"),
    "api:participation-list": Spec("page"),
    "api:event-list": Spec("page"),
    "api:person-detail": Spec("object", "person"),
    "api:participation-detail": Spec("object", "participation"),
    "api:event-detail": Spec("object", "event"),
    # group work through the API: events and sessions as the web's pages; bookings and attendance
    # within the sight of the case (the organiser's members see all of their events)
    "api:group-event-list": Spec("page"),
    "api:group-session-list": Spec("page"),
    "api:group-booking-list": Spec("page"),
    "api:group-attendance-list": Spec("page"),
    "api:group-event-detail": Spec("groupwork", "group_event"),
    "api:group-session-detail": Spec("groupwork", "group_session"),
    "api:group-booking-detail": Spec("object", "booking"),
    "api:group-attendance-detail": Spec("object", "attendance"),
    "api:service-referral-list": Spec("page"),
    "api:service-referral-detail": Spec("object", "service_referral"),
    # barriers, phase changes, profile categories: within the sight of the case; the programme's
    # phases (no personal data) as the programmes
    "api:barrier-list": Spec("page"),
    "api:barrier-detail": Spec("object", "barrier"),
    "api:phase-change-list": Spec("page"),
    "api:phase-change-detail": Spec("object", "phase_change"),
    "api:profile-rating-list": Spec("page"),
    "api:profile-rating-detail": Spec("object", "profile_rating"),
    "api:support-phase-list": Spec("page"),
    # mentoring: the lists filter, the objects open for the readers of the mentoring only
    "api:mentorship-list": Spec("page"),
    "api:mentorship-detail": Spec("mentoring_read", "mentorship"),
    "api:mentorship-end": Spec("post_only"),
    "api:mentoring-entry-list": Spec("page"),
    "api:mentoring-entry-detail": Spec("mentoring_read", "mentoring_entry"),
    "api:after-placement-support-list": Spec("page"),
    "api:after-placement-support-detail": Spec("mentoring_read", "after_placement"),
    # casework
    "casework:participant_list": Spec("page"),
    "casework:worklists": Spec("page"),
    "casework:caseload": Spec("page"),
    "casework:measure_list": Spec("page"),
    "casework:refer": Spec("page", write=True),
    "casework:saved_filter_save": Spec("post_only"),
    "casework:saved_filter_delete": Spec("own_object"),
    "casework:participant_detail": Spec("object", "person"),
    "casework:journey_action": Spec("object", "participation", write=True, extra=(("slug", "austritt"),)),
    "casework:case_take": Spec("post_only"),
    "casework:caseworker_assign": Spec("object", "participation", write=True),
    "casework:contact_add": Spec("object", "participation", write=True),
    "casework:appointment_add": Spec("object", "participation", write=True),
    "casework:assessment_add": Spec("object", "participation", write=True),
    "casework:goal_add": Spec("object", "participation", write=True),
    "casework:plan_action_add": Spec("object", "participation", write=True),
    "casework:plan_action_progress": Spec("object", "plan_action", write=True),
    "casework:appointment_status": Spec("object", "appointment", write=True),
    "casework:goal_status": Spec("object", "goal", write=True),
    "casework:goal_edit": Spec("object", "goal", write=True),
    "casework:plan_action_edit": Spec("object", "plan_action", write=True),
    "casework:event_correct": Spec("object", "event", write=True),
    "casework:event_void": Spec("object", "event", write=True),
    # person details and documents (people): visibility as the participant page; writing for the
    # writing organisations that see a participation of the person (people.services)
    "people:person_edit": Spec("object", "person", write=True),
    "people:document_add": Spec("object", "person", write=True),
    "people:document_download": Spec("object", "document"),
    "people:document_delete": Spec("object", "document", write=True),
    # households: seen through a member's participation; benefit months recorded by the writing
    # organisations that see a member (people.households)
    "people:household_detail": Spec("object", "household"),
    "people:household_chart": Spec("object", "household"),
    "people:household_month": Spec("object", "household", write=True),
    "api:household-list": Spec("page"),
    "api:household-detail": Spec("object", "household"),
    "api:household-month-list": Spec("page"),
    "people:household_upload": Spec("post_only"),
    # exchange format (coordination office only)
    "interchange:upload": Spec("coordination"),
    "interchange:run_detail": Spec("coordination", "import_run"),
    # indicator reports (aggregates): coordination office and regional offices; runs by id
    "indicators:report": Spec("reports"),
    "indicators:targets": Spec("reports"),
    "indicators:run": Spec("reports_object", "report_run"),
    "indicators:chart": Spec("reports_object", "report_run", extra=(("name", "x"),)),
    "indicators:download": Spec("reports_object", "report_run", extra=(("fmt", "json"),)),
    # cost and savings (aggregates of the households' benefits): the coordination office reads, its
    # writing members record cost entries (costs.views; write_bodies_costs.py)
    "costs:index": Spec("coordination"),
    "costs:programme": Spec("coordination", "programme"),
    "costs:chart": Spec("coordination", "programme"),
    "costs:entry_create": Spec("coordination", "programme", write=True),
    "costs:entry_edit": Spec("coordination", "cost_entry", write=True),
    "api:programme-cost-list": Spec("coordination"),
    "forecasting:forecast": Spec("reports"),  # place forecast: aggregates, the reports' readers
    "forecasting:download": Spec("reports"),
    # privacy (data-protection officer)
    "privacy:home": Spec("dpo"),
    "privacy:audit_export": Spec("dpo"),
    "privacy:retention": Spec("dpo"),
    "privacy:person": Spec("dpo_object", "person"),
    "privacy:person_export": Spec("dpo_object", "person", extra=(("fmt", "json"),)),
    "privacy:anonymise": Spec("post_only"),
    # measures administration (coordination office; the form: its writing members, the read-only
    # member sees the page with the reason, a POST is refused in test_write_authority)
    "measures_admin:list": Spec("coordination"),
    "measures_admin:create": Spec("coordination"),
    "measures_admin:edit": Spec("coordination", "measure"),
    # staff account administration (accounts.authority: the coordination office's writers, an
    # organisation administration for its own organisation — no such persona here: tests/accounts/admin)
    "account_admin:list": Spec("accounts"),
    "account_admin:create": Spec("accounts"),
    "account_admin:detail": Spec("accounts", "staff_user"),
    "account_admin:edit": Spec("accounts", "staff_user"),
    "account_admin:membership_add": Spec("accounts", "staff_user"),
    "account_admin:membership_role": Spec("post_only"),
    "account_admin:membership_remove": Spec("post_only"),
    "account_admin:deactivate": Spec("post_only"),
    "account_admin:reactivate": Spec("post_only"),
    "account_admin:password_link": Spec("post_only"),
    "account_admin:reset_request": Spec("post_only"),
    "account_admin:reset_confirm": Spec("post_only"),
    "account_admin:reset_cancel": Spec("post_only"),
    # organisations administration (coordination office; forms: its writing members)
    "organisations:organisation_list": Spec("coordination"),
    "organisations:organisation_create": Spec("coordination", write=True),
    "organisations:organisation_edit": Spec("coordination", "organisation", write=True),
    "organisations:region_list": Spec("coordination"),
    "organisations:region_create": Spec("coordination", write=True),
    "organisations:region_edit": Spec("coordination", "region", write=True),
    # employer register: everyone who works with employers (organisations.authority)
    "organisations:employer_list": Spec("employers"),
    "organisations:employer_create": Spec("employers", write=True),
    "organisations:employer_detail": Spec("employers", "employer"),
    "organisations:employer_edit": Spec("employers", "employer", write=True),
    "organisations:employer_contact_create": Spec("employers", "employer", write=True),
    "organisations:employer_contact_edit": Spec("employer_contact", "employer_contact", write=True),
    "organisations:vacancy_create": Spec("employers", "employer", write=True),
    "organisations:vacancy_edit": Spec("employers", "vacancy", write=True),
    "api:employer-list": Spec("page"),
    "api:employer-contact-list": Spec("page"),
    "api:employer-contact-detail": Spec("employers", "employer_contact"),
    "api:vacancy-list": Spec("page"),
    "api:vacancy-detail": Spec("employers", "vacancy"),
    # group work: events are seen by the staff of their region and organiser (groupwork.authority);
    # the list, the figures and the form for a new event are pages
    "groupwork:event_list": Spec("page"),
    "groupwork:figures": Spec("page"),
    "groupwork:event_create": Spec("page", write=True),
    "groupwork:event_detail": Spec("groupwork", "group_event"),
    "groupwork:event_edit": Spec("groupwork", "group_event", write=True),
    "groupwork:session_add": Spec("groupwork", "group_event", write=True),
    "groupwork:event_cancel": Spec("groupwork", "group_event", write=True),
    "groupwork:booking_create": Spec("groupwork", "group_event", write=True),
    "groupwork:attendance": Spec("groupwork", "group_session", write=True),
    "groupwork:session_edit": Spec("groupwork", "group_session", write=True),
    "groupwork:session_remove": Spec("groupwork", "group_session", write=True),
    "groupwork:booking_cancel": Spec("post_only"),
    "groupwork:notice_dismiss": Spec("post_only"),
    # programme administration: every member of an organisation reads (outsiders 404), the
    # forms are for the coordination office's writing members (others 403 with the reason)
    "web:administration": Spec("page"),
    "programmes:programme_list": Spec("programmes"),
    "programmes:programme_create": Spec("programmes", write=True),
    "programmes:programme_detail": Spec("programmes", "programme"),
    "programmes:programme_edit": Spec("programmes", "programme", write=True),
    "programmes:stage_create": Spec("programmes", "programme", write=True),
    "programmes:stage_edit": Spec("programmes", "stage", write=True),
    "programmes:stage_move": Spec("post_only"),
    "programmes:ratio_create": Spec("programmes", "programme", write=True),
    "programmes:ratio_edit": Spec("programmes", "caseload_ratio", write=True),
    "programmes:reason_create": Spec("programmes", "programme", write=True),
    "programmes:reason_edit": Spec("programmes", "reason_code", write=True),
    "programmes:reason_delete": Spec("post_only"),
    # support services, barriers, phases and profile categories: the casework rule; the phases of
    # a programme: members read them, the coordination office's writing members change them
    "support:referral_add": Spec("object", "participation", write=True),
    "support:barrier_add": Spec("object", "participation", write=True),
    "support:phase_add": Spec("object", "participation", write=True),
    "support:profile_add": Spec("object", "participation", write=True),
    "support:referral_status": Spec("object", "service_referral", write=True),
    "support:referral_correct": Spec("object", "service_referral", write=True),
    "support:programme_phases": Spec("programmes", "programme"),
    # the early warning: the worklist shows the persons a user sees; the decision: the casework
    # rule; the model pages hold no person (members read them); switch and training: POST only
    "earlywarning:worklist": Spec("page"),
    "earlywarning:decide": Spec("object", "participation", write=True),
    "earlywarning:model_index": Spec("page"),
    "earlywarning:programme_model": Spec("programmes", "programme"),
    "earlywarning:fairness_xlsx": Spec("programmes", "programme"),
    "earlywarning:setting_change": Spec("post_only"),
    "earlywarning:training_request": Spec("post_only"),
    # matching: the page as the participant page (records the read), the forms by the casework rule
    "matching:participant": Spec("object", "participation"),
    "matching:targets_edit": Spec("object", "participation", write=True),
    "matching:qualification_add": Spec("object", "participation", write=True),
    "matching:choose": Spec("object", "participation", write=True),
    # mentoring: read by the mentoring project's members and the coordination office, written by
    # the mentor and the project's lead (mentoring.authority); the worklist is a page
    "mentoring:aftercare": Spec("page"),
    "mentoring:mentorship_add": Spec("mentoring", "participation", write=True),
    "mentoring:entry_add": Spec("mentoring", "mentorship", write=True),
    "mentoring:aftercare_add": Spec("mentoring", "mentorship", write=True),
    "mentoring:mentorship_end": Spec("mentoring", "mentorship", write=True),
    "mentoring:entry_edit": Spec("mentoring", "mentoring_log_entry", write=True),
    # the programme defaults of the after-placement support: the projects' leads and the
    # coordination office's writers (others 403)
    "mentoring:aftercare_defaults": Spec("page"),
    "mentoring:aftercare_default_edit": Spec("page", write=True),
}


def test_every_route_is_classified():
    missing = sorted(r.name for r in all_routes() if r.name not in ROUTES)
    assert not missing, f"Neue URLs ohne Eintrag in der Berechtigungsmatrix: {missing}"


def test_no_stale_entries():
    names = {r.name for r in all_routes()}
    assert not sorted(set(ROUTES) - names)


def _client(matrix, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(matrix.personas[persona])
    return client


def _object_id(matrix, spec: Spec, which: str) -> int:
    case = matrix.visible if which == "visible" else matrix.hidden
    if spec.param == "import_run":
        return matrix.import_run.pk
    if spec.param == "report_run":
        return 999999  # no run in the fixture world: the route is checked for refusal only
    # master data, the same for both
    if spec.param in ("programme", "stage", "caseload_ratio", "reason_code"):
        return _programme_object(matrix, spec.param).pk
    if spec.param == "cost_entry":
        from tests.security.write_bodies_costs import cost_entry

        return cost_entry(matrix.world).pk
    return getattr(case, spec.param).pk


def _programme_object(matrix, param: str):
    from stufenweg.programmes.models import CaseloadRatio

    programme = matrix.world.programme
    if param == "stage":
        return matrix.world.s3
    if param == "reason_code":
        from stufenweg.programmes.models import ReasonCode

        return ReasonCode.objects.get_or_create(
            programme=programme, purpose="exit", code="arbeit", defaults={"label": "Arbeitsaufnahme"}
        )[0]
    if param == "caseload_ratio":
        return CaseloadRatio.objects.get_or_create(
            programme=programme, valid_from=dt.date(2020, 1, 1), ratio=50
        )[0]
    return programme


def _path(route: Route, spec: Spec, pk: int | None) -> str:
    values = dict(spec.extra)
    if pk is not None:
        values["pk"] = pk
    return fill(route, values)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/anmelden/")


def _body(response) -> str:
    content = getattr(response, "content", b"")
    return content.decode(errors="replace") if isinstance(content, bytes) else ""


def _refused_anonymous(route: Route, response) -> bool:
    if route.route.startswith("api/"):
        return response.status_code in (401, 403)
    return _is_login_redirect(response)


CASES = [(route, persona) for route in all_routes() if route.name in ROUTES for persona in PERSONAS]


@pytest.mark.parametrize(("route", "persona"), CASES, ids=[f"{r.name}-{p}" for r, p in CASES])
def test_matrix(matrix, route, persona):
    spec = ROUTES[route.name]
    client = _client(matrix, persona)
    targets = ["visible", "hidden"] if spec.param else [None]
    for which in targets:
        pk = _object_id(matrix, spec, which) if which else None
        if spec.kind == "own_object":
            owner = matrix.personas["coordinator"]
            pk = filter_of(owner).pk
        response = client.get(_path(route, spec, pk))
        status = response.status_code
        body = _body(response)
        label = f"{route.name} {persona} {which or ''}: {status}"

        if spec.kind == "public":
            assert status in (200, 302, 405), label
            assert not _is_login_redirect(response), label
            continue
        if spec.kind in ("post_only", "own_object"):
            # GET changes nothing: refused as a method, or earlier as not signed in (the API: 401) /
            # not allowed
            assert status in (405, 403) or _is_login_redirect(response) or status == 401, label
            continue
        if persona == "anonymous":
            assert _refused_anonymous(route, response), label
            continue

        # names of persons outside the scope never appear
        answering_request = persona == "dpo" and spec.kind == "dpo_object"  # Art. 15: the DPO reads all
        if persona not in SEES_HIDDEN and not answering_request:
            assert HIDDEN_NAME not in body, label
        if persona in NO_PERSONS and not answering_request:
            assert VISIBLE_NAME not in body, label

        if spec.kind == "page":
            assert status in (200, 403), label
            if spec.write and persona in READ_ONLY:
                assert status == 403, label
        elif spec.kind == "reports":
            allowed = {200} if persona in ("coordinator", "coord_readonly") else {200, 403, 404}
            assert status in allowed, label
            if persona in ("outsider", "dpo", "mentor", "provider", "jobcenter"):
                assert status in (403, 404), label
        elif spec.kind == "reports_object":
            assert status in (200, 403, 404), label
        elif spec.kind == "step":
            assert status in (200, 302), label
        elif spec.kind in ("dpo", "dpo_object"):
            assert status in ({200} if persona == "dpo" else {403, 404}), label
        elif spec.kind == "coordination":  # the page and the runs; the upload form: writers only
            expected = {200} if persona in ("coordinator", "coord_readonly") else {403, 404}
            if spec.write and persona == "coord_readonly":
                expected = {403}
            assert status in expected, label
        elif spec.kind == "employers":  # the offices, providers and mentoring projects
            readers = {"coordinator", "coord_readonly", "regional", "readonly", "provider", "mentor", "mixed"}
            expected = {200} if persona in readers else {403, 404}
            if spec.write and persona in READ_ONLY:
                expected = {403}
            assert status in expected, label
        elif spec.kind == "employer_contact":  # the recording office and the coordination office change it
            changers = contact_changers(which)
            expected = {200} if persona in changers else {403} if persona in REGISTER_READERS else {403, 404}
            assert status in expected, label
        elif spec.kind == "accounts":  # only the coordination office's writers among these personas
            assert status in ({200} if persona == "coordinator" else {403, 404}), label
            if persona == "coord_readonly":
                assert status == 403, label
        elif spec.kind == "programmes":  # members read; the forms: the office's writing members
            if persona == "outsider":
                assert status == 404, label
            elif spec.write:
                assert status == (200 if persona == "coordinator" else 403), label
            else:
                assert status == 200, label
        elif spec.kind == "groupwork":  # events: every region-A persona sees region A's (names: own scope)
            sees = persona in (SEES_VISIBLE | {"mentor"} if which == "visible" else SEES_HIDDEN)
            if not sees:
                assert status == 404, label
            elif spec.write and persona in READ_ONLY:
                assert status == 403, label
            elif spec.write and persona == "mixed" and which == "visible":
                # region A's event: mixed only reads there, but it may book its region-B cases into it
                assert status == (200 if route.name == "groupwork:booking_create" else 403), label
            else:
                assert status in (200, 403), label
        elif spec.kind == "object":
            sees = persona in (SEES_VISIBLE if which == "visible" else SEES_HIDDEN)
            if not sees:
                assert status == 404, label
            elif spec.write and persona in READ_ONLY:
                assert status == 403, label
            elif spec.write and persona == "mixed":
                assert status == (403 if which == "visible" else 200), label
            else:
                assert status in (200, 403), label
        elif spec.kind == "mentoring":  # no persona here mentors these cases (write_bodies_mentoring.py)
            assert status == (403 if persona in MENTORING_READERS else 404), label
        elif spec.kind == "mentoring_read":  # the API's mentoring objects: their readers only
            assert status == (200 if persona in MENTORING_READERS else 404), label
        else:  # pragma: no cover - a new kind needs its rule here
            raise AssertionError(f"unknown kind {spec.kind}")


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "readonly"])
def test_someone_elses_saved_filter_cannot_be_deleted(matrix, persona):
    from stufenweg.casework.models import SavedFilter

    other = filter_of(matrix.personas["coordinator"])
    client = _client(matrix, persona)
    client.post(f"/teilnehmende/filter/{other.pk}/loeschen/")
    assert SavedFilter.objects.filter(pk=other.pk).exists()


def test_statistics_role_opens_the_reports(matrix):
    client = _client(matrix, "statistics")
    assert client.get("/berichte/").status_code == 200


def test_coordinator_sees_the_hidden_case(matrix):
    """Guard against a vacuous matrix: the hidden case exists and the coordinator does see it."""
    client = _client(matrix, "coordinator")
    response = client.get(f"/teilnehmende/{matrix.hidden.person.pk}/")
    assert response.status_code == 200
    assert HIDDEN_NAME in response.content.decode()
    regional = _client(matrix, "regional")
    assert VISIBLE_NAME in regional.get(f"/teilnehmende/{matrix.visible.person.pk}/").content.decode()
