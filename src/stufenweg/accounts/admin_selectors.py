"""Reads of the staff account administration: the accounts a manager sees (``accounts.authority``).

An account outside the manager's accounts is not found (404), like one that does not exist.
"""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from stufenweg.accounts.authority import account_authority_of
from stufenweg.accounts.models import TwoFactorResetRequest
from stufenweg.organisations.models import Membership, User
from stufenweg.organisations.ordering import STAFF_FIELDS, page_in_order, staff_key


def accounts_visible_to(user) -> QuerySet[User]:
    authority = account_authority_of(user)
    if authority.everything:
        return User.objects.all()
    if not authority.organisation_ids:
        return User.objects.none()
    members = Membership.objects.filter(organisation_id__in=authority.organisation_ids).values("user_id")
    return User.objects.filter(pk__in=members)


def account_list(
    user, *, q: str = "", organisation=None, role: str = "", active: str = "ja"
) -> QuerySet[User]:
    """The accounts of the list page, filtered (unordered: the page shows them in German name
    order, ``account_page``)."""
    accounts = accounts_visible_to(user)
    if q:
        for word in q.split()[:5]:
            accounts = accounts.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__icontains=word)
            )
    if organisation is not None or role:
        members = Membership.objects.all()
        if organisation is not None:
            members = members.filter(organisation=organisation)
        if role:
            members = members.filter(role=role)
        accounts = accounts.filter(pk__in=members.values("user_id"))
    if active == "ja":
        accounts = accounts.filter(is_active=True)
    elif active == "nein":
        accounts = accounts.filter(is_active=False)
    return accounts


def account_page(accounts: QuerySet[User], number, *, per_page: int) -> Page:
    """Page ``number`` of ``accounts`` (``account_list``) in German name order
    (``organisations.ordering.staff_key``), with the open 2FA resets counted and the memberships
    (and their organisations) prefetched. The order is taken over all the accounts in Python: the
    staff a manager administers are few (one organisation's staff, or all staff for the
    coordination office: a few hundred at most), and the page is then cut from that order."""
    return page_in_order(
        accounts, staff_key, number, per_page=per_page, fields=STAFF_FIELDS, rows=_with_details
    )


def _with_details(accounts: QuerySet[User]) -> QuerySet[User]:
    now = timezone.now()
    return accounts.annotate(
        open_resets=Count(
            "two_factor_reset_requests",
            filter=Q(
                two_factor_reset_requests__status=TwoFactorResetRequest.Status.OPEN,
                two_factor_reset_requests__expires_at__gt=now,
            ),
        )
    ).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").order_by("organisation__name"),
        )
    )


def reset_requests_of(account: User, *, limit: int = 5) -> list[TwoFactorResetRequest]:
    return list(
        TwoFactorResetRequest.objects.filter(user=account)
        .select_related("requested_by", "decided_by")
        .order_by("-requested_at", "-id")[:limit]
    )
