"""Structured logs carry ids and codes only: no names, no notes, no query strings, no exception text."""

from __future__ import annotations

import json
import logging

from stufenweg.core.logformat import JsonFormatter


def _record(name="stufenweg.test", msg="ereignis", exc_info=None, **extra):
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, (), exc_info)
    record.__dict__.update(extra)
    return record


def test_only_whitelisted_extra_reaches_the_log():
    line = JsonFormatter().format(
        _record(event="export", user_id=7, person_name="Erika Mustermann", notes="Depression", count=3)
    )
    data = json.loads(line)
    assert data["event"] == "export" and data["user_id"] == 7 and data["count"] == 3
    assert "Erika" not in line and "Depression" not in line


def test_exception_text_is_reduced_to_its_type():
    try:
        raise ValueError("Geburtsdatum 1980-05-17 von Erika Mustermann ungültig")
    except ValueError:
        import sys

        line = JsonFormatter().format(_record(exc_info=sys.exc_info()))
    assert json.loads(line)["exception"] == "ValueError"
    assert "Erika" not in line and "1980" not in line


def test_request_log_drops_query_strings():
    record = _record(name="django.request", msg="Not Found: /teilnehmende/?q=Mustermann")
    line = JsonFormatter().format(record)
    assert "Mustermann" not in line
    assert "/teilnehmende/" in line


def test_settings_use_the_json_formatter():
    from django.conf import settings

    assert settings.LOGGING["formatters"]["json"]["()"] == "stufenweg.core.logformat.JsonFormatter"
