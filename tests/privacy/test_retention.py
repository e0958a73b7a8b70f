"""Retention periods decide who is due: open cases never, closed cases after the later of
last event + months and the fixed keep-until date; no rule, no automatic erasure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from stufenweg.privacy.models import Anonymisation, RetentionRule
from stufenweg.privacy.retention import expiries
from stufenweg.privacy.tasks import anonymise_expired_task

pytestmark = pytest.mark.django_db


def _due(today):
    return {e.person_id for e in expiries(today=today)}


def test_due_after_last_event_plus_months(scenario):
    # p1's last event: employment start 2022-07-15 → due after 2023-07-15 (12 months)
    # p2's last event: exit 2022-04-29 → due after 2023-04-29
    assert _due(dt.date(2023, 4, 29)) == set()
    assert _due(dt.date(2023, 4, 30)) == {scenario.p2.pk}
    assert _due(dt.date(2023, 7, 16)) == {scenario.p1.pk, scenario.p2.pk}


def test_keep_until_postpones(scenario):
    RetentionRule.objects.filter(programme=None).update(keep_until=dt.date(2034, 12, 31))
    assert _due(dt.date(2034, 12, 31)) == set()
    assert _due(dt.date(2035, 1, 1)) == {scenario.p1.pk, scenario.p2.pk}


def test_a_programme_rule_overrides_the_default(scenario):
    RetentionRule.objects.create(programme=scenario.world.programme, months_after_last_event=120)
    assert _due(dt.date(2030, 1, 1)) == set()
    assert _due(dt.date(2032, 7, 16)) == {scenario.p1.pk, scenario.p2.pk}


def test_no_rule_means_no_automatic_erasure(scenario):
    RetentionRule.objects.all().delete()
    assert _due(dt.date(2099, 1, 1)) == set()


def test_the_open_case_is_never_due(scenario):
    assert scenario.p3.pk not in _due(dt.date(2099, 1, 1))


def test_dry_run_lists_without_changing(scenario, capsys):
    call_command("anonymise_expired", dry_run=True, today=dt.date(2026, 1, 1))
    assert "2 Personen" in capsys.readouterr().out
    assert Anonymisation.objects.count() == 0


def test_the_scheduled_task_anonymises_the_due(scenario, monkeypatch):
    monkeypatch.setattr("stufenweg.core.time.today", lambda: dt.date(2026, 1, 1))
    result = anonymise_expired_task.enqueue()
    assert result.return_value == 2
    assert set(Anonymisation.objects.values_list("person_id", flat=True)) == {scenario.p1.pk, scenario.p2.pk}
    assert _due(dt.date(2026, 1, 1)) == set()  # anonymised persons are not listed again


def test_rules_are_set_on_the_command_line(world, capsys):
    call_command("retention_rule", months=24, keep_until=dt.date(2034, 12, 31), basis="ESF")
    call_command("retention_rule", programme="JPS", months=36)
    call_command("retention_rule", programme="JPS", months=48)  # replaces, does not add
    assert RetentionRule.objects.count() == 2
    assert RetentionRule.objects.get(programme=world.programme).months_after_last_event == 48
    default = RetentionRule.objects.get(programme=None)
    assert default.keep_until == dt.date(2034, 12, 31)
    capsys.readouterr()
    call_command("retention_rule")
    assert "JPS: 48 Monate" in capsys.readouterr().out


def test_only_one_default_rule(db):
    from django.db import IntegrityError, transaction

    RetentionRule.objects.create(programme=None, months_after_last_event=12)
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionRule.objects.create(programme=None, months_after_last_event=24)
