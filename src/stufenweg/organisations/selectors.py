from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.organisations.models import Organisation


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return Organisation.objects.all() if scope_of(user).staff else Organisation.objects.none()
