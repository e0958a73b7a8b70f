"""The staff account administration (``/verwaltung/konten/``): list, new account, account page,
name and e-mail, memberships, deactivation, set-password link, four-eyes second-factor reset.

Thin views: who may do what is decided in ``accounts.authority`` and checked again by the
services; an account outside the manager's accounts is a 404 (``admin_selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts import admin_services as services
from stufenweg.accounts import reset_services
from stufenweg.accounts.admin_forms import (
    AccountCreateForm,
    AccountEditForm,
    AccountFilterForm,
    MembershipAddForm,
    MembershipRoleForm,
    ResetRequestForm,
)
from stufenweg.accounts.admin_selectors import (
    account_list,
    account_page,
    accounts_visible_to,
    reset_requests_of,
)
from stufenweg.accounts.authority import account_authority_of, manages_whole_account
from stufenweg.api.models import ApiKey
from stufenweg.organisations.models import Membership, User
from stufenweg.organisations.ordering import name_key

PAGE_SIZE = 50


def _require_manager(request: HttpRequest):
    authority = account_authority_of(request.user)
    if not authority.manages_accounts:
        raise PermissionDenied(
            _("Konten verwaltet die Regiestelle oder die Organisationsverwaltung Ihrer Organisation.")
        )
    return authority


def _account(request: HttpRequest, pk: int) -> User:
    _require_manager(request)
    return get_object_or_404(accounts_visible_to(request.user), pk=pk)


def _detail_url(account: User) -> str:
    return reverse("account_admin:detail", args=[account.pk])


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [message for field_messages in exc.message_dict.values() for message in field_messages]
    return exc.messages


def _apply(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _link_page(request: HttpRequest, account: User, token: tuple[str, str], *, new: bool) -> HttpResponse:
    uidb64, secret = token
    path = reverse("accounts:password_link", args=[uidb64, secret])
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    response = render(
        request,
        "accounts/admin/link.html",
        {"account": account, "link": request.build_absolute_uri(path), "hours": hours, "new": new},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def account_list_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AccountFilterForm(request.GET or None, user=request.user)
    accounts = User.objects.none()
    if not form.is_bound:
        accounts = account_list(request.user)
    elif form.is_valid():
        data = form.cleaned_data
        accounts = account_list(
            request.user,
            q=data["q"],
            organisation=data["organisation"],
            role=data["role"],
            active=data["active"] or "ja",
        )
    page_obj = account_page(accounts, request.GET.get("page"), per_page=PAGE_SIZE)
    return render(request, "accounts/admin/list.html", {"form": form, "page_obj": page_obj})


@login_required
@require_http_methods(["GET", "POST"])
def account_create_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AccountCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request, _("Das Konto %(username)s wurde angelegt.") % {"username": account.username}
            )
            return _link_page(request, account, services.password_link_token(account), new=True)
    return render(request, "accounts/admin/form.html", {"form": form, "title": _("Neues Konto")})


@login_required
@require_safe
def account_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    return _detail(request, account)


def _detail(request: HttpRequest, account: User, *, reset_form=None, status: int = 200) -> HttpResponse:
    authority = account_authority_of(request.user)
    memberships = sorted(
        Membership.objects.filter(user=account).select_related("organisation"),
        key=lambda membership: name_key(membership.organisation),
    )
    for membership in memberships:
        membership.editable = (
            account.pk != request.user.pk
            and authority.administers(membership.organisation_id)
            and authority.grants(membership.role)
        )
        membership.role_form = MembershipRoleForm(
            initial={"membership": membership.pk, "role": membership.role}, user=request.user
        )
    open_request = reset_services.open_reset_request(account)
    context = {
        "account": account,
        "memberships": memberships,
        "is_self": account.pk == request.user.pk,
        "whole": manages_whole_account(request.user, account),
        "has_totp": TOTPDevice.objects.filter(user=account, confirmed=True).exists(),
        "has_codes": StaticDevice.objects.filter(user=account).exists(),
        "active_keys": ApiKey.objects.filter(user=account, revoked_at__isnull=True).count(),
        "open_request": open_request,
        "may_confirm": open_request is not None and open_request.requested_by_id != request.user.pk,
        "reset_requests": reset_requests_of(account),
        "reset_form": reset_form or ResetRequestForm(),
        "may_add_membership": account.pk != request.user.pk,
        "confirm_hours": reset_services.RESET_CONFIRM_HOURS,
        "now": timezone.now(),
    }
    return render(request, "accounts/admin/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    if account.pk != request.user.pk and not manages_whole_account(request.user, account):
        raise PermissionDenied(
            _(
                "Dieses Konto gehört auch zu einer Organisation, die Sie nicht verwalten. Änderungen "
                "am ganzen Konto nimmt die Regiestelle vor."
            )
        )
    initial = {"first_name": account.first_name, "last_name": account.last_name, "email": account.email}
    form = AccountEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(account=account, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Name und E-Mail-Adresse wurden gespeichert."))
            return redirect(_detail_url(account))
    title = _("Name und E-Mail-Adresse ändern")
    return render(request, "accounts/admin/form.html", {"form": form, "title": title, "account": account})


@login_required
@require_http_methods(["GET", "POST"])
def membership_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    form = MembershipAddForm(request.POST or None, user=request.user, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(account=account, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request,
                _("Die Mitgliedschaft in %(org)s wurde angelegt.") % {"org": membership.organisation.name},
            )
            return redirect(_detail_url(account))
    elif request.method == "GET":
        services.require_not_self(account, request.user)
    title = _("Mitgliedschaft hinzufügen")
    return render(request, "accounts/admin/form.html", {"form": form, "title": title, "account": account})


def _membership(request: HttpRequest, account: User, raw) -> Membership:
    try:
        membership_id = int(raw)
    except (TypeError, ValueError):
        membership_id = 0
    return get_object_or_404(
        Membership.objects.select_related("organisation"), pk=membership_id, user=account
    )


def _after_write(request: HttpRequest, account: User, action, success: str) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(_detail_url(account))


@login_required
@require_POST
def membership_role_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    membership = _membership(request, account, request.POST.get("membership"))
    role = request.POST.get("role", "")
    return _after_write(
        request,
        account,
        lambda: services.membership_role_change(membership=membership, by=request.user, role=role),
        _("Die Rolle in %(org)s wurde geändert.") % {"org": membership.organisation.name},
    )


@login_required
@require_POST
def membership_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    membership = _membership(request, account, request.POST.get("membership"))
    return _after_write(
        request,
        account,
        lambda: services.membership_remove(membership=membership, by=request.user),
        _("Die Mitgliedschaft in %(org)s wurde entfernt.") % {"org": membership.organisation.name},
    )


@login_required
@require_POST
def account_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        ended, keys = services.account_deactivate(account=account, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Das Konto wurde deaktiviert. %(sessions)d Sitzungen wurden beendet und %(keys)d "
                "API-Schlüssel widerrufen. Die Mitgliedschaften bleiben erhalten."
            )
            % {"sessions": ended, "keys": keys},
        )
    return redirect(_detail_url(account))


@login_required
@require_POST
def account_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    return _after_write(
        request,
        account,
        lambda: services.account_reactivate(account=account, by=request.user),
        _(
            "Das Konto wurde reaktiviert. Die Person meldet sich mit Passwort und zweitem Faktor an; "
            "API-Schlüssel legt sie neu an."
        ),
    )


@login_required
@require_POST
def password_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        token = services.account_password_link_issue(account=account, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        return redirect(_detail_url(account))
    return _link_page(request, account, token, new=False)


@login_required
@require_POST
def reset_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    form = ResetRequestForm(request.POST)
    if form.is_valid():
        try:
            reset_services.two_factor_reset_request(account=account, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Das Zurücksetzen wurde beantragt. Eine zweite Person mit Verwaltungsrecht muss es "
                    "innerhalb von %(hours)d Stunden bestätigen; erst dann wird der zweite Faktor entfernt."
                )
                % {"hours": reset_services.RESET_CONFIRM_HOURS},
            )
            return redirect(_detail_url(account))
    return _detail(request, account, reset_form=form, status=200)


def _open_request(account: User):
    return reset_services.open_reset_request(account)


@login_required
@require_POST
def reset_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    open_request = _open_request(account)
    if open_request is None:
        messages.error(request, _("Für dieses Konto wartet kein Antrag auf Bestätigung."))
        return redirect(_detail_url(account))
    return _after_write(
        request,
        account,
        lambda: reset_services.two_factor_reset_confirm(request=open_request, by=request.user),
        _(
            "Die Zwei-Faktor-Anmeldung wurde zurückgesetzt: Geräte und Wiederherstellungscodes sind "
            "entfernt, Sitzungen beendet, API-Schlüssel widerrufen. Die Person richtet den zweiten "
            "Faktor bei der nächsten Anmeldung neu ein."
        ),
    )


@login_required
@require_POST
def reset_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    open_request = _open_request(account)
    if open_request is None:
        messages.error(request, _("Für dieses Konto wartet kein Antrag auf Bestätigung."))
        return redirect(_detail_url(account))
    return _after_write(
        request,
        account,
        lambda: reset_services.two_factor_reset_cancel(request=open_request, by=request.user),
        _("Der Antrag auf Zurücksetzen wurde verworfen."),
    )
