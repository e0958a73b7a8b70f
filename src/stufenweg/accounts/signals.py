"""Login signals: count failures (throttle), reset on success, record the login in the audit trail."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from stufenweg.accounts import throttle

log = logging.getLogger("stufenweg.security")


def lock_message(until) -> str:
    return _(
        "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist bis %(zeit)s Uhr gesperrt. "
        "Bitte versuchen Sie es danach erneut oder wenden Sie sich an Ihre Administration."
    ) % {"zeit": formats.time_format(timezone.localtime(until), "H:i")}


@receiver(user_login_failed, dispatch_uid="stufenweg_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    until = throttle.record_failure(username, request)
    log.warning("login_failed", extra={"event": "login_failed", "locked": until is not None})
    if until is not None and request is not None and hasattr(request, "_messages"):
        messages.error(request, lock_message(until))


@receiver(user_logged_in, dispatch_uid="stufenweg_logged_in")
def on_logged_in(sender, request, user, **kwargs):
    from stufenweg.core.audit import audit_write
    from stufenweg.core.models import AuditEntry

    throttle.record_success(user.get_username())
    if request is not None and hasattr(request, "session"):
        import time

        from stufenweg.accounts.middleware import LAST_SEEN_KEY

        request.session[LAST_SEEN_KEY] = time.time()
    audit_write(
        actor=user,
        action=AuditEntry.Action.LOGIN,
        object_type="organisations.user",
        object_id=str(user.pk),
        summary="Anmeldung mit Passwort",
    )
    log.info("login", extra={"event": "login", "user_id": user.pk})
