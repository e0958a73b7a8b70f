"""The import checks, per event, that its writer may record the event's kind — the rule and German
message of the single-event path (``journeys.authority``), reported with row and column ``event``.

Only a writing member of the coordination office runs imports (``interchange.permissions``), and
that office records every kind; the per-event check is there so that a caller who passes the
import's own gate cannot bypass it. Shown by lifting the gate for a provider and a Jobcenter.
"""

from __future__ import annotations

import pytest

from stufenweg.interchange import importer
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory
from tests.interchange.helpers import lines

pytestmark = pytest.mark.django_db

K = Organisation.Kind


def _member(kind: str):
    return MembershipFactory(organisation=OrganisationFactory(code=f"X-{kind}", kind=kind)).user


def _refused(row: int, label: str) -> str:
    return f"events.csv, Zeile {row}, Spalte event: Ihre Stelle darf „{label}“ bei dieser Teilnahme nicht erfassen."


@pytest.fixture
def gate_lifted(monkeypatch):
    monkeypatch.setattr(importer, "import_permission_check", lambda *, by: None)


def test_the_coordination_office_imports_every_kind(dataset):
    result = import_exchange(dataset(), by=_member(K.COORDINATION_OFFICE))
    assert result.problems == []
    assert JourneyEvent.objects.count() == 13


def test_a_provider_past_the_gate_records_no_referral_assessment_or_follow_up(dataset, gate_lifted):
    result = import_exchange(dataset(), by=_member(K.PROVIDER))
    # the base data set's lines: E1 referral (2), E2/E5/E7 assessment start (3, 8, 11), E13 follow-up (7)
    assert sorted(lines(result)) == sorted(
        [
            _refused(2, "Zuweisung"),
            _refused(3, "Beginn Eignungsfeststellung"),
            _refused(7, "Verbleibsabfrage"),
            _refused(8, "Beginn Eignungsfeststellung"),
            _refused(11, "Beginn Eignungsfeststellung"),
        ]
    )
    assert JourneyEvent.objects.count() == 0


def test_a_jobcenter_past_the_gate_records_only_referrals(dataset, gate_lifted):
    result = import_exchange(dataset(), by=_member(K.JOBCENTER))
    refused_rows = {p.row for p in result.problems if p.column == "event"}
    # everything but the referral on line 2; the void on line 14 is judged by what it retracts
    # (a qualification, refused on line 13 itself)
    assert refused_rows == set(range(3, 15))
    assert all("Ihre Stelle darf" in p.message for p in result.problems)
    assert JourneyEvent.objects.count() == 0
