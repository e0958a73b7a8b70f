"""Scheduled erasure: ``anonymise_expired`` as a django-tasks task (run daily by the worker's
scheduler or cron: ``stufenweg anonymise_expired``)."""

from __future__ import annotations

import logging

from django_tasks import task

log = logging.getLogger("stufenweg.privacy")


def anonymise_expired(*, today=None, by=None, dry_run: bool = False) -> list[int]:
    from stufenweg.core.time import today as today_fn
    from stufenweg.people.models import Person
    from stufenweg.privacy.anonymise import person_anonymise
    from stufenweg.privacy.retention import expiries

    due = expiries(today=today or today_fn())
    if dry_run:
        return [e.person_id for e in due]
    done = []
    for expiry in due:
        person_anonymise(person=Person.objects.get(pk=expiry.person_id), by=by, reason="retention")
        done.append(expiry.person_id)
    log.info("anonymise_expired", extra={"event": "anonymise_expired", "count": len(done)})
    return done


@task()
def anonymise_expired_task() -> int:
    from stufenweg.interchange.retention import purge_problem_lists

    purge_problem_lists()
    return len(anonymise_expired())
