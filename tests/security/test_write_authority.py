"""The write-authority test: every URL that accepts POST, PUT, PATCH or DELETE × every persona.

Data-driven over the URL resolver (``urlmap.all_routes``). Which write methods a route accepts is
read from its view (``write_methods``: the router's actions of a DRF viewset, the handlers of a
class-based view, ``require_http_methods`` and friends on a function view — a function view
without them accepts every method), and ``test_the_reading_of_the_views_matches_the_server``
checks that reading against the server (a method read as not accepted answers 405). A route that
accepts a write method and is missing from ``WRITES`` fails ``test_every_write_route_is_in_the_table``:
a new view must say who may write through it.

``WRITES`` says per route who may write on which object (``write_rules.Check``: a rule, the cases,
a valid-looking body from ``write_bodies``). Each persona of ``write_world`` then sends every
accepted write method to every case, each request in a savepoint that is rolled back (so every
request meets the same world), and:

* anonymous → web: the login page; API: 401/403;
* a persona outside the allowed set → 403, or 404 where the case is outside its read scope (never
  a 403 that confirms that a hidden case exists);
* every refusal writes nothing (``write_state``: the row count of every table, every row of the
  tables changed in place);
* an allowed persona is not refused and its POST does write (which shows that the body is valid:
  the refusals are about authority, not a broken form);
* routes that act on the user's own session, account, saved filters or report runs write no case
  data for anyone; someone else's own object is left alone.

The API's journey events follow the web's rule: the organisation kinds of the journey actions
(``casework.actions.ACTIONS``; ``test_the_api_rule_is_the_web_rule``) — a Jobcenter records no
exit and voids nothing a provider recorded, a provider records no follow-up or reactivation.
"""

from __future__ import annotations

import copy
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client

from stufenweg.casework.actions import ACTIONS
from stufenweg.casework.permissions import COORDINATING, DELIVERING
from stufenweg.organisations.models import Membership
from tests.api.conftest import client_for
from tests.factories import MembershipFactory, UserFactory
from tests.security import employers_world as employers
from tests.security import write_bodies as body
from tests.security import write_bodies_accounts as accounts
from tests.security import write_bodies_costs as costs
from tests.security import write_bodies_earlywarning as earlywarning
from tests.security import write_bodies_groupwork as groupwork
from tests.security import write_bodies_groupwork_api as groupwork_api
from tests.security import write_bodies_households as households
from tests.security import write_bodies_households_api as households_api
from tests.security import write_bodies_matching as matching
from tests.security import write_bodies_mentoring as mentoring
from tests.security import write_bodies_mentoring_api as mentoring_api
from tests.security import write_bodies_programmes as programmes
from tests.security import write_bodies_support as support
from tests.security import write_bodies_support_api as support_api
from tests.security import write_bodies_web_corrections as corrections
from tests.security.urlmap import all_routes, fill
from tests.security.write_methods import WRITE_METHODS, accepted_write_methods
from tests.security.write_rules import (
    NO_WRITING_ROLE,
    REFERRERS,
    REPORT_READERS,
    WRITERS,
    Acting,
    Check,
    Only,
    Own,
    Owned,
    verdict,
)
from tests.security.write_state import snapshot
from tests.security.write_world import PERSONAS, WriteWorld, build

pytestmark = pytest.mark.django_db

BOTH = ("visible", "hidden")
DELIVER = Acting("delivering")
COORDINATE = Acting("coordinating")
SERVICE_REFER = Acting("service_referring")
PERSON = Acting("person")
OFFICE = Only(frozenset({"coordinator"}), forbidden=frozenset({"coord_readonly"}))
DPO = Only(frozenset({"dpo"}))
EMPLOYER_WRITERS = Only(
    frozenset({"coordinator", "regional", "provider", "mentor", "mixed"}),
    forbidden=frozenset({"readonly", "coord_readonly"}),
)
SIGNED_IN = Own()
PUBLIC = Own(public=True)


def case_write(label: str, name: str, rule: Acting = DELIVER) -> tuple[Check]:
    return (Check(label, rule, body.casework(name), targets=BOTH),)


def own(label: str, url_name: str, data: dict | None = None, rule=SIGNED_IN, **pk) -> tuple[Check]:
    return (Check(label, rule, body.fixed(url_name, data, **pk), writes=False),)


def api_event(label: str, group: str, targets: tuple[str, ...], kind: str, **fields) -> Check:
    return Check(label, Acting(group, api=True), body.api_event(kind, **fields), targets=targets, api=True)


WRITES: dict[str, tuple[Check, ...]] = {
    # the user's own session and account
    "web:login": own("wrong password", "web:login", {"username": "x", "password": "y"}, PUBLIC),
    "web:logout": own("logout", "web:logout"),
    "set_language": own("language", "set_language", {"language": "en", "next": "/"}, PUBLIC),
    "accounts:setup": own("wrong code", "accounts:setup", {"code": "000000"}),
    "accounts:verify": own("wrong code", "accounts:verify", {"code": "000000"}),
    "accounts:recovery_codes_renew": own("renew", "accounts:recovery_codes_renew"),
    "accounts:api_key_create": own("create", "accounts:api_key_create", {"name": "Skript", "days": "30"}),
    "accounts:password_change": own(
        "wrong old password",
        "accounts:password_change",
        {"old_password": "falsch", "new_password1": "Ein langer Satz", "new_password2": "Ein langer Satz"},
    ),
    "accounts:password_link": (Check("invalid link", PUBLIC, accounts.password_link, writes=False),),
    "accounts:api_key_revoke": own(
        "coordinator's key", "accounts:api_key_revoke", None, Owned(), pk=lambda ww: ww.own_key.pk
    ),
    "casework:saved_filter_save": own(
        "save", "casework:saved_filter_save", {"name": "Liste", "query": "status=in_stage"}
    ),
    "casework:saved_filter_delete": own(
        "coordinator's filter", "casework:saved_filter_delete", None, Owned(), pk=lambda ww: ww.own_filter.pk
    ),
    # a report run of the user's own (aggregates), for those who may read reports
    "indicators:report": (Check("run", Own(REPORT_READERS), body.report, writes=False),),
    # the coordination office's writing members
    "interchange:upload": (Check("import", OFFICE, body.upload),),
    "indicators:targets": (Check("target", OFFICE, body.target),),
    # the staff account administration: the coordination office's writers (accounts.authority)
    "account_admin:create": (Check("account", OFFICE, accounts.account_new),),
    "account_admin:edit": (Check("name", OFFICE, accounts.account_edit),),
    "account_admin:membership_add": (Check("membership", OFFICE, accounts.membership_new),),
    "account_admin:membership_role": (Check("role", OFFICE, accounts.membership_role),),
    "account_admin:membership_remove": (Check("remove", OFFICE, accounts.membership_remove),),
    "account_admin:deactivate": (
        Check("deactivate", OFFICE, accounts.account_action("account_admin:deactivate")),
    ),
    "account_admin:password_link": (
        Check("link", OFFICE, accounts.account_action("account_admin:password_link")),
    ),
    "account_admin:reactivate": (
        Check("already active", OFFICE, accounts.account_action("account_admin:reactivate"), writes=False),
    ),
    "account_admin:reset_request": (
        Check(
            "no second factor",
            OFFICE,
            accounts.account_action(
                "account_admin:reset_request", {"reason": "lost_device", "identity_checked": "on"}
            ),
            writes=False,
        ),
    ),
    "account_admin:reset_confirm": (
        Check(
            "nothing to confirm", OFFICE, accounts.account_action("account_admin:reset_confirm"), writes=False
        ),
    ),
    "account_admin:reset_cancel": (
        Check(
            "nothing to cancel", OFFICE, accounts.account_action("account_admin:reset_cancel"), writes=False
        ),
    ),
    "organisations:organisation_create": (Check("organisation", OFFICE, body.organisation_new),),
    "organisations:organisation_edit": (Check("rename", OFFICE, body.organisation_edit),),
    "organisations:region_create": (Check("region", OFFICE, body.region_new),),
    "organisations:region_edit": (Check("rename", OFFICE, body.region_edit),),
    # the employer register: writing members of the offices, providers and mentoring projects
    "organisations:employer_create": (Check("employer", EMPLOYER_WRITERS, body.employer_new),),
    "organisations:employer_edit": (Check("details", EMPLOYER_WRITERS, body.employer_edit),),
    # contacts and vacancies: the register's writers; a contact is changed by the recording
    # organisation and the coordination office (tests/security/employers_world.py)
    "organisations:employer_contact_create": (Check("contact", EMPLOYER_WRITERS, employers.contact_new),),
    "organisations:employer_contact_edit": (
        Check("recorder", employers.contact_rule(), employers.contact_edit, targets=BOTH),
    ),
    "organisations:vacancy_create": (Check("vacancy", EMPLOYER_WRITERS, employers.vacancy_new),),
    "organisations:vacancy_edit": (Check("status", EMPLOYER_WRITERS, employers.vacancy_edit, targets=BOTH),),
    "api:employer-contact-list": (Check("contact", EMPLOYER_WRITERS, employers.api_contact_new, api=True),),
    "api:employer-contact-detail": (
        Check("recorder", employers.contact_rule(), employers.api_contact_edit, targets=BOTH, api=True),
    ),
    "api:vacancy-list": (Check("vacancy", EMPLOYER_WRITERS, employers.api_vacancy_new, api=True),),
    "api:vacancy-detail": (
        Check("places", EMPLOYER_WRITERS, employers.api_vacancy_edit, targets=BOTH, api=True),
    ),
    # programme administration: the coordination office's writing members
    "programmes:programme_create": (Check("programme", OFFICE, programmes.programme_new),),
    "programmes:programme_edit": (Check("settings", OFFICE, programmes.programme_edit),),
    # cost entries: the coordination office's writing members (costs.services; write_bodies_costs.py)
    "costs:entry_create": (Check("cost entry", OFFICE, costs.entry_new),),
    "costs:entry_edit": (Check("validity", OFFICE, costs.entry_edit),),
    "api:programme-cost-list": (Check("cost entry", OFFICE, costs.api_entry_new, api=True),),
    "programmes:stage_create": (Check("stage", OFFICE, programmes.stage_new),),
    "programmes:stage_edit": (Check("rules", OFFICE, programmes.stage_edit),),
    "programmes:stage_move": (Check("order", OFFICE, programmes.stage_move),),
    "programmes:ratio_create": (Check("ratio", OFFICE, programmes.ratio_new),),
    "programmes:ratio_edit": (Check("correction", OFFICE, programmes.ratio_edit),),
    "programmes:reason_create": (Check("reason", OFFICE, programmes.reason_new),),
    "programmes:reason_edit": (Check("rename", OFFICE, programmes.reason_edit),),
    "programmes:reason_delete": (Check("unused", OFFICE, programmes.reason_delete),),
    "measures_admin:create": (Check("measure", OFFICE, body.measure_new),),
    "measures_admin:edit": (Check("places", OFFICE, body.measure_edit),),
    # the data-protection officer (the lookup writes nothing; a person not due is not erased)
    "privacy:home": own("person lookup", "privacy:home", {"person_id": "W-A1"}, DPO),
    # the audit filter is posted so that the Personen-ID stays out of the address (writes nothing)
    "web:audit_list": own("audit filter", "web:audit_list", {"person": "W-A1"}, DPO),
    "privacy:audit_export": own("audit export", "privacy:audit_export", {"person": "W-A1"}, DPO),
    "privacy:anonymise": (Check("not due", DPO, body.anonymise, targets=("visible",), writes=False),),
    # casework: the Jobcenter and the offices refer, the delivering side works with the case
    "casework:refer": (Check("new person", Only(REFERRERS), body.refer),),
    # each case is held by a regional office's caseworker: only the offices move it
    # (casework.assignment: a provider gives only cases nobody else holds, to its own staff)
    "casework:caseload": (
        Check("reassign", Acting("coordinating", in_body=True), body.reassign, targets=BOTH),
    ),
    "casework:case_take": (Check("take", COORDINATE, body.take, targets=BOTH),),
    "casework:caseworker_assign": (Check("assign", COORDINATE, body.assign, targets=BOTH),),
    "casework:journey_action": (
        Check("exit", DELIVER, body.casework("exit"), targets=BOTH),
        Check("follow-up", COORDINATE, body.follow_up, targets=("exited",)),
        Check("internship with a new employer", DELIVER, body.internship_new_employer, targets=BOTH),
    ),
    "casework:contact_add": case_write("contact", "contact"),
    "casework:appointment_add": case_write("appointment", "appointment"),
    "casework:assessment_add": case_write("assessment", "assessment"),
    "casework:goal_add": case_write("goal", "goal"),
    "casework:plan_action_add": case_write("step", "step"),
    "casework:goal_status": case_write("goal status", "goal_status"),
    "casework:goal_edit": case_write("goal edit", "goal_edit"),
    "casework:plan_action_edit": case_write("step edit", "step_edit"),
    "casework:plan_action_progress": case_write("step progress", "step_progress"),
    "casework:appointment_status": case_write("appointment status", "appointment_status"),
    "casework:event_correct": case_write("correct the entry", "correct"),
    "casework:event_void": case_write("void the internship", "void"),
    # a person's details and documents: the writing organisations that see the person
    "people:person_edit": (Check("details", PERSON, body.person_edit, targets=BOTH),),
    "people:document_add": (Check("upload", PERSON, body.document_add, targets=BOTH),),
    "people:document_delete": (Check("delete", PERSON, body.document_delete, targets=BOTH),),
    # a household's benefit month: as the person (the case's person is the household's member)
    "people:household_month": (Check("benefit month", PERSON, households.month_record, targets=BOTH),),
    "api:household-month-list": (
        Check(
            "benefit month",
            Acting("person", api=True, in_body=True),
            households_api.month_body,
            targets=BOTH,
            api=True,
        ),
    ),
    "people:household_upload": (Check("benefit file", PERSON, corrections.household_upload, targets=BOTH),),
    # group work: the organiser's writers (and the coordination office) run the event; whoever may
    # act on a case books it (tests/security/write_bodies_groupwork.py)
    "groupwork:event_create": (
        Check(
            "event",
            Only(groupwork.ORGANISERS, forbidden=frozenset({"readonly", "coord_readonly"})),
            groupwork.event_body,
        ),
    ),
    "groupwork:event_edit": (Check("edit", groupwork.ORGANISER_RULE, groupwork.edit_body, targets=BOTH),),
    "groupwork:session_add": (
        Check("session", groupwork.ORGANISER_RULE, groupwork.session_body, targets=BOTH),
    ),
    "groupwork:event_cancel": (
        Check("cancel", groupwork.ORGANISER_RULE, groupwork.cancel_event_body, targets=BOTH),
    ),
    "groupwork:attendance": (
        Check("attendance", groupwork.ORGANISER_RULE, groupwork.attendance_body, targets=BOTH),
    ),
    "groupwork:session_edit": (
        Check("move session", groupwork.ORGANISER_RULE, groupwork.session_edit_body, targets=BOTH),
    ),
    "groupwork:session_remove": (
        Check("remove session", groupwork.ORGANISER_RULE, groupwork.session_remove_body, targets=BOTH),
    ),
    "groupwork:booking_create": (
        Check("book", groupwork.BOOKING_RULE, groupwork.booking_body, targets=BOTH),
    ),
    "groupwork:booking_cancel": (
        Check("cancel booking", groupwork.CANCEL_RULE, groupwork.booking_cancel_body, targets=BOTH),
    ),
    # support services, barriers, phases, profile categories: the casework rule (support.authority),
    # referrals to support services also by the referring Jobcenter (SERVICE_REFERRING);
    # the phases of a programme: the coordination office's writing members
    "support:referral_add": (Check("referral", SERVICE_REFER, support.referral_add, targets=BOTH),),
    "support:barrier_add": (Check("barrier", DELIVER, support.barrier_add, targets=BOTH),),
    "support:phase_add": (Check("phase", DELIVER, support.phase_add, targets=BOTH),),
    "support:profile_add": (Check("profile", DELIVER, support.profile_add, targets=BOTH),),
    "support:referral_status": (Check("referred", SERVICE_REFER, support.referral_status, targets=BOTH),),
    "support:referral_correct": (Check("correct", SERVICE_REFER, support.referral_correct, targets=BOTH),),
    "support:programme_phases": (Check("phases", OFFICE, support.phases),),
    # the early warning: decisions by the casework rule, the switch and the training by the office
    "earlywarning:decide": (Check("decision", DELIVER, earlywarning.decide, targets=BOTH),),
    "earlywarning:setting_change": (Check("switch", OFFICE, earlywarning.setting),),
    "earlywarning:training_request": (Check("training", OFFICE, earlywarning.training),),
    # matching: target occupations, qualifications and the choice of a suggestion: the casework
    # rule (matching.authority; write_bodies_matching.py)
    "matching:targets_edit": (Check("targets", DELIVER, matching.targets_edit, targets=BOTH),),
    "matching:qualification_add": (
        Check("qualification", DELIVER, matching.qualification_add, targets=BOTH),
    ),
    "matching:choose": (Check("choice", DELIVER, matching.choose, targets=BOTH),),
    # mentoring: the mentor and the project's lead (mentoring.authority; write_bodies_mentoring.py)
    "mentoring:mentorship_add": (Check("assign", mentoring.RULE, mentoring.mentorship_add, targets=BOTH),),
    "mentoring:entry_add": (Check("log entry", mentoring.RULE, mentoring.entry_add, targets=BOTH),),
    "mentoring:aftercare_add": (
        Check("after-placement", mentoring.RULE, mentoring.aftercare_add, targets=BOTH),
    ),
    "mentoring:mentorship_end": (Check("end", mentoring.RULE, mentoring.mentorship_end, targets=BOTH),),
    "mentoring:entry_edit": (Check("correct entry", mentoring.RULE, corrections.entry_edit, targets=BOTH),),
    # the programme default of the after-placement support: the project's lead and the office
    "mentoring:aftercare_default_edit": (Check("aftercare default", OFFICE, corrections.aftercare_default),),
    # mentoring through the API: the same rule (write_bodies_mentoring_api.py)
    "api:mentorship-list": (
        Check("assign", mentoring.RULE, mentoring_api.mentorship_body, targets=BOTH, api=True),
    ),
    "api:mentorship-end": (Check("end", mentoring.RULE, mentoring_api.end_body, targets=BOTH, api=True),),
    "api:mentoring-entry-list": (
        Check("log entry", mentoring.RULE, mentoring_api.entry_body, targets=BOTH, api=True),
    ),
    "api:after-placement-support-list": (
        Check("after-placement", mentoring.RULE, mentoring_api.support_body, targets=BOTH, api=True),
    ),
    "groupwork:notice_dismiss": (
        Check("coordinator's notice", Owned(), groupwork.notice_body, writes=False),
    ),
    # group work through the API: as on the web (tests/security/write_bodies_groupwork_api.py)
    "api:group-event-list": (
        Check(
            "event",
            Only(groupwork.ORGANISERS, forbidden=NO_WRITING_ROLE),
            groupwork_api.event_body,
            api=True,
        ),
    ),
    "api:group-session-list": (
        Check("session", groupwork_api.ORGANISER_RULE, groupwork_api.session_body, targets=BOTH, api=True),
    ),
    "api:group-booking-list": (
        Check("book", groupwork_api.BOOKING_RULE, groupwork_api.booking_body, targets=BOTH, api=True),
    ),
    "api:group-attendance-list": (
        Check(
            "attendance", groupwork_api.ORGANISER_RULE, groupwork_api.attendance_body, targets=BOTH, api=True
        ),
    ),
    # support referrals through the API: as on the web (the delivering kinds and the referring
    # Jobcenter), the case named in the body
    "api:service-referral-list": (
        Check(
            "referral",
            Acting("service_referring", api=True, in_body=True),
            groupwork_api.referral_body,
            targets=BOTH,
            api=True,
        ),
    ),
    # barriers, phase changes, profile categories through the API: the same casework rule
    # (tests/security/write_bodies_support_api.py)
    "api:barrier-list": (
        Check("barrier", support_api.RULE, support_api.barrier_body, targets=BOTH, api=True),
    ),
    "api:phase-change-list": (
        Check("phase", support_api.RULE, support_api.phase_body, targets=BOTH, api=True),
    ),
    "api:profile-rating-list": (
        Check("profile", support_api.RULE, support_api.profile_body, targets=BOTH, api=True),
    ),
    # the API (key authentication): any writing role creates a person; events as on the web
    "api:person-list": (
        Check("create", Only(WRITERS, forbidden=NO_WRITING_ROLE), body.api_person, api=True),
    ),
    "api:event-list": (
        api_event(
            "exit",
            "delivering",
            BOTH,
            "exit",
            date="2024-06-28",
            exit_kind="regular",
            statuses=["job_seeking"],
        ),
        api_event("void the internship", "delivering", BOTH, "void", date="2024-06-28"),
        api_event(
            "follow-up",
            "coordinating",
            ("exited",),
            "follow_up",
            date="2024-12-20",
            reached=True,
            source="self",
        ),
        api_event("reactivation", "coordinating", ("exited",), "reactivation", date="2024-09-02"),
    ),
}
# the web's journey action whose kinds an API event must follow
WEB_ACTION = {"exit": "austritt", "follow-up": "verbleib", "reactivation": "reaktivierung"}


def _write_routes() -> dict[str, tuple[str, ...]]:
    return {route.name: methods for route in all_routes() if (methods := accepted_write_methods(route))}


def test_every_write_route_is_in_the_table():
    missing = sorted(set(_write_routes()) - set(WRITES))
    assert not missing, f"URLs, die schreibende Methoden annehmen, ohne Eintrag in WRITES: {missing}"


def test_no_stale_entries():
    assert not sorted(set(WRITES) - set(_write_routes()))


def test_the_api_rule_is_the_web_rule():
    """The API's events are judged by the kinds of the web's journey actions."""
    kinds = {"delivering": DELIVERING, "coordinating": COORDINATING}
    for check in WRITES["api:event-list"] + WRITES["casework:journey_action"]:
        action = ACTIONS[WEB_ACTION[check.label]] if check.label in WEB_ACTION else None
        if action is not None:
            assert kinds[check.rule.group] == action.kinds, check.label
    assert kinds[DELIVER.group] == ACTIONS["austritt"].kinds == ACTIONS["praktikum"].kinds


def test_the_reading_of_the_views_matches_the_server(world):
    """A write method read as not accepted answers 405, to a user who passes every other check
    (a caseworker of the coordination office who is also a data-protection officer) or, for pages
    that send a signed-in user on (the login), to an anonymous one."""
    probe = MembershipFactory(user=UserFactory(username="pruefer"), organisation=world.coordination).user
    MembershipFactory(user=probe, organisation=world.regional_a, role=Membership.Role.DATA_PROTECTION)
    web = Client()
    web.force_login(probe)
    clients = {"web": (web, Client()), "api": (client_for(probe),)}
    wrong = []
    for route in all_routes():
        path = fill(route, {"fmt": "json"})
        for method in set(WRITE_METHODS) - set(accepted_write_methods(route)):
            answers = [
                getattr(client, method.lower())(path).status_code
                for client in clients["api" if route.route.startswith("api/") else "web"]
            ]
            if 405 not in answers:
                wrong.append(f"{route.name} {method}: {answers}")
    assert not wrong, wrong


@pytest.fixture
def ww(world, settings, tmp_path) -> WriteWorld:
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    return build(world)


def _client(ww: WriteWorld, persona: str, api: bool):
    user = ww.personas.get(persona)
    if api:
        return client_for(user)
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(client, method: str, path: str, data: dict, api: bool):
    if api:
        return getattr(client, method.lower())(path, data, format="json")
    if method == "POST":
        return client.post(path, data)
    form = urlencode(data, doseq=True)
    return getattr(client, method.lower())(path, form, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("persona", PERSONAS)
def test_write_authority(ww, persona):
    """Every write of the table as ``persona``: every accepted method, every case."""
    clients = {api: _client(ww, persona, api) for api in (False, True)}
    methods = _write_routes()
    before = snapshot()
    wrong = []
    for name, checks in WRITES.items():
        for check in checks:
            client = clients[check.api]
            for which in check.targets:
                outcome = check.rule.outcome(persona, which)
                for method in methods[name]:
                    path, data = check.body(ww, which, persona)
                    cookies = copy.deepcopy(client.cookies)  # the session as it was (logout, login)
                    with transaction.atomic():
                        response = _send(client, method, path, data, check.api)
                        after = snapshot()
                        transaction.set_rollback(True)
                    client.cookies = cookies
                    must_write = method == "POST" and check.writes
                    problem = verdict(
                        outcome, response, api=check.api, before=before, after=after, must_write=must_write
                    )
                    if problem:
                        wrong.append(f"{name} [{check.label}] {method} {which or ''} ({outcome}): {problem}")
    assert not wrong, "\n".join(wrong)
