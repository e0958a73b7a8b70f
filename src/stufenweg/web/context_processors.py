"""Template context for the shared layout (registered in settings.TEMPLATES)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from stufenweg.web.navigation import navigation_for


def _organisations(user) -> list:
    from stufenweg.organisations.models import Organisation

    return list(
        Organisation.objects.filter(memberships__user=user, active=True)
        .order_by("name")
        .only("id", "name", "kind")
    )


def navigation(request) -> dict:
    """``nav_entries`` (main navigation) and ``user_organisations`` (header), both lazy."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "user_organisations": []}
    return {
        "nav_entries": SimpleLazyObject(lambda: navigation_for(user, request.path)),
        "user_organisations": SimpleLazyObject(lambda: _organisations(user)),
    }
