"""Ending a user's sessions (deactivation, second-factor reset, new password link).

The sessions live in the database (Django's default ``SESSION_ENGINE``; ``cached_db`` works too):
the unexpired ones are read, and those signed in as the user are deleted through the session
store (so a cache in front is cleared as well). With another engine the sessions cannot be listed;
then a deactivated account is still refused on its next request (Django's authentication backend
refuses inactive users) and a reset second factor is asked for again, but an open browser is not
signed out at once — a start-up check would be the place to insist (docs/security.md).
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

DB_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


def sessions_end(*, user) -> int:
    """Delete every unexpired session signed in as ``user``; returns how many."""
    if settings.SESSION_ENGINE not in DB_ENGINES:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    wanted = str(user.pk)
    ended = 0
    rows = model.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data")
    for key, data in rows.iterator(chunk_size=500):
        session = store(session_key=key)
        if str(session.decode(data).get(SESSION_KEY)) == wanted:
            session.delete(key)
            ended += 1
    return ended
