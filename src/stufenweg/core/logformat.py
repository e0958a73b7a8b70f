"""Structured logs (one JSON object per line) without personal data.

Only a fixed set of attributes reaches the log: time, level, logger, the message and
whitelisted ``extra`` keys (ids and codes: ``event``, ``user_id``, ``status``, ``path_name`` …).
Anything else passed in ``extra`` is dropped, and the message is truncated; exception text is
reduced to its type so that values inside it (which may contain data) do not leak.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

ALLOWED_EXTRA = frozenset(
    {
        "event",
        "user_id",
        "object_type",
        "object_id",
        "status",
        "status_code",
        "count",
        "duration_ms",
        "task",
        "locked",
        "path_name",
        "method",
        "run_id",
    }
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage()[:500] if record.name.startswith("stufenweg") else _safe(record),
        }
        for key in ALLOWED_EXTRA:
            if key in record.__dict__:
                payload[key] = record.__dict__[key]
        if record.exc_info and record.exc_info[0] is not None:
            payload["exception"] = record.exc_info[0].__name__
        return json.dumps(payload, ensure_ascii=False, default=str)


def _safe(record: logging.LogRecord) -> str:
    """Messages of third-party loggers: Django's request log names the path, which carries only
    numeric ids (house rule); query strings are cut off because they may carry search terms."""
    message = record.getMessage()
    if record.name in ("django.request", "django.server", "django.security.csrf"):
        message = message.split("?", 1)[0]
    return message[:500]
