"""Template context for the shared layout (registered in settings.TEMPLATES)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from stufenweg.web.navigation import navigation_for, navigation_menu


def _organisations(user) -> list:
    from stufenweg.organisations.models import Organisation
    from stufenweg.organisations.ordering import name_key

    return sorted(
        Organisation.objects.filter(memberships__user=user, active=True).only("id", "name", "kind"),
        key=name_key,
    )


def navigation(request) -> dict:
    """``nav_entries`` (main navigation, flat), ``nav_menu`` (the same as the layout shows it,
    with groups as disclosure menus) and ``user_organisations`` (header), all lazy."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "nav_menu": [], "user_organisations": []}
    entries = SimpleLazyObject(lambda: navigation_for(user, request.path))
    return {
        "nav_entries": entries,
        "nav_menu": SimpleLazyObject(lambda: navigation_menu(entries)),
        "user_organisations": SimpleLazyObject(lambda: _organisations(user)),
    }
