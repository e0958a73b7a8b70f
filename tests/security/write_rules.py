"""The rules of the write-authority test: who sees and who acts in the fixture world
(``write_world``), what each persona's request must come to (an outcome), and the judge.

Who sees and who acts is written out by hand from DOMAIN.md §1, not computed by the code under
test: acting on a case needs a writing role (``caseworker``, ``org_admin``) in an organisation of
the action's kinds that sees the case. The kinds are the web's (``casework.actions.ACTIONS``):
``delivering`` (coordination office, regional office, provider, mentoring project) for the
measure's work, ``coordinating`` (the offices) for assessment, reactivation and follow-up;
``service_referring`` (the delivering kinds and the Jobcenter) for referrals to support services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tests.security.write_state import Snapshot, changed

REGION_A = {"coordinator", "coord_readonly", "regional", "readonly", "provider", "jobcenter", "mixed"}
SEES = {"visible": REGION_A, "exited": REGION_A, "hidden": {"coordinator", "coord_readonly", "mixed"}}
ACTS = {
    "delivering": {
        "visible": {"coordinator", "regional", "provider"},
        "exited": {"coordinator", "regional", "provider"},
        "hidden": {"coordinator", "mixed"},  # mixed: caseworker at regional office B
    },
    "coordinating": {
        "visible": {"coordinator", "regional"},
        "exited": {"coordinator", "regional"},
        "hidden": {"coordinator", "mixed"},
    },
    # referrals to support services: the delivering kinds and the referring Jobcenter
    # (support.authority.SERVICE_REFERRING; DOMAIN.md §1: the Jobcenter refers, § 16a SGB II)
    "service_referring": {
        "visible": {"coordinator", "regional", "provider", "jobcenter"},
        "exited": {"coordinator", "regional", "provider", "jobcenter"},
        "hidden": {"coordinator", "mixed"},
    },
    # a person's details and documents: every writing organisation that sees a participation of
    # the person, the referring Jobcenter included (people.services.require_person_writer)
    "person": {
        "visible": {"coordinator", "regional", "provider", "jobcenter"},
        "exited": {"coordinator", "regional", "provider", "jobcenter"},
        "hidden": {"coordinator", "mixed"},
    },
}
NO_WRITING_ROLE = frozenset({"coord_readonly", "readonly", "statistics", "dpo", "outsider"})
WRITERS = frozenset({"coordinator", "regional", "provider", "jobcenter", "mentor", "mixed"})
REFERRERS = frozenset({"coordinator", "regional", "jobcenter", "mixed"})  # Jobcenter and the offices
REPORT_READERS = frozenset({"coordinator", "coord_readonly", "regional", "readonly", "statistics", "mixed"})

# --- outcomes --------------------------------------------------------------------------------------

ALLOW = "allow"  # not refused; a POST writes
FORBID = "forbid"  # 403, nothing written
HIDE = "hide"  # 404, nothing written
REFUSE = "refuse"  # 403 or 404 (no object in the URL whose existence a 403 could confirm)
REJECT = "reject"  # 403, 404 or 422 (a case named in the body, outside the read scope)
NOOP = "noop"  # any answer below 500, nothing written (someone else's own object)
LOGIN = "login"  # web: to the login page; API: 401/403; nothing written
PASS = "pass"  # no authority involved: any answer below 500, no case data written
REFUSED_WITH = {
    FORBID: {403},
    HIDE: {404},
    REFUSE: {403, 404},
    REJECT: {403, 404, 422},
    NOOP: None,
    LOGIN: None,
}


class Rule:
    def outcome(self, persona: str, which: str | None) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Acting(Rule):
    """A write on a case by the organisation kinds of ``group``. ``api``: a user without any
    writing role is refused (403) before the case is looked up. ``in_body``: the case is named in
    the body, not in the URL."""

    group: str
    api: bool = False
    in_body: bool = False

    def outcome(self, persona, which):
        if persona == "anonymous":
            return LOGIN
        if persona in ACTS[self.group][which]:
            return ALLOW
        if persona in SEES[which] or (self.api and persona in NO_WRITING_ROLE):
            return FORBID
        return REJECT if self.in_body else HIDE


@dataclass(frozen=True)
class Only(Rule):
    """Only ``allowed`` may; ``forbidden`` get 403, everyone else 403 or 404."""

    allowed: frozenset[str]
    forbidden: frozenset[str] = frozenset()

    def outcome(self, persona, which):
        if persona == "anonymous":
            return LOGIN
        if persona in self.allowed:
            return ALLOW
        return FORBID if persona in self.forbidden else REFUSE


@dataclass(frozen=True)
class Own(Rule):
    """The user's own session, account, saved filters or report runs: ``allowed`` (everyone signed
    in unless given) pass, the others are refused; nobody writes case data. ``public``: anonymous
    users pass too (login, language)."""

    allowed: frozenset[str] | None = None
    public: bool = False

    def outcome(self, persona, which):
        if persona == "anonymous":
            return PASS if self.public else LOGIN
        return PASS if self.allowed is None or persona in self.allowed else REFUSE


@dataclass(frozen=True)
class Owned(Rule):
    """An object that belongs to the coordinator: they may; for anyone else nothing happens."""

    def outcome(self, persona, which):
        if persona == "anonymous":
            return LOGIN
        return PASS if persona == "coordinator" else NOOP


Body = Callable[[object, "str | None", str], tuple[str, dict]]  # (world, which case, persona) → (path, data)


@dataclass(frozen=True)
class Check:
    label: str
    rule: Rule
    body: Body
    targets: tuple[str | None, ...] = (None,)
    api: bool = False
    writes: bool = True  # an allowed POST writes something (False: it acts on own things or reads)


def _to_login(response, api: bool) -> bool:
    if api:
        return response.status_code in (401, 403)
    return response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def verdict(outcome: str, response, *, api: bool, before: Snapshot, after: Snapshot, must_write: bool) -> str:
    """'' when the answer and the database are as ``outcome`` says, else what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"{status}"
    if outcome in REFUSED_WITH:
        expected = REFUSED_WITH[outcome]
        if outcome == LOGIN and not _to_login(response, api):
            return f"{status} instead of the login"
        if expected and status not in expected:
            return f"{status}, expected {sorted(expected)}"
        if wrote := changed(before.everything, after.everything):
            return f"{status} but wrote {wrote}"
        return ""
    if outcome == PASS:
        if wrote := changed(before.case, after.case):
            return f"{status} but wrote case data {wrote}"
        return ""
    if status in (401, 403, 404, 405):  # ALLOW
        return f"refused with {status}"
    if must_write and not changed(before.everything, after.everything):
        return f"{status} and wrote nothing (is the body valid?): {response.content[:300]!r}"
    return ""
