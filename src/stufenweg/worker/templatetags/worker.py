"""``{% no_worker_notice run.created_at %}``: the German notice on a run page whose run waits for a
background worker that is not running (``worker.heartbeat.worker_missing``)."""

from __future__ import annotations

from django import template

from stufenweg.worker.heartbeat import worker_missing

register = template.Library()


@register.inclusion_tag("worker/_no_worker.html")
def no_worker_notice(queued_at) -> dict:
    return {"missing": worker_missing(queued_at)}
