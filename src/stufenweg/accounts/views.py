"""The account pages: two-factor set-up and verification, recovery codes, the user's API keys,
the password (change it; set it with the link from the account administration)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from stufenweg.accounts import services, throttle
from stufenweg.accounts.admin_forms import ChangePasswordForm, LinkPasswordForm
from stufenweg.accounts.admin_services import account_password_set, password_link_tokens
from stufenweg.accounts.forms import ApiKeyForm, CodeForm, SetupForm
from stufenweg.accounts.signals import lock_message
from stufenweg.api.selectors import api_keys_of
from stufenweg.api.services import api_key_issue, may_write_somewhere
from stufenweg.api.services import api_key_revoke as api_key_revoke_service

RECOVERY_SESSION_KEY = "_stufenweg_recovery_codes"
KEY_PURPOSE = "Mein Konto"


def _next_url(request: HttpRequest) -> str:
    """Where to go afterwards: a path on this site, else the start page (a bare word would reach
    ``redirect()`` as a view name and fail; another host or scheme is refused)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("web:home")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user, confirmed=True):
        return redirect(reverse("accounts:verify") if not request.user.is_verified() else "web:home")
    device = services.pending_totp_device(user=request.user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.totp_device_confirm(device=device, by=request.user)
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error(
            "code",
            _(
                "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und geben Sie den aktuellen Code ein."
            ),
        )
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_svg": services.qr_svg(device),
            "secret": services.secret_for_display(device),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = request.user.get_username()
        if throttle.locked_until(username, request) is None:
            device = match_token(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                throttle.record_success(username)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        _("Sie haben einen Wiederherstellungscode verwendet. Es verbleiben %(n)d Codes.")
                        % {"n": left},
                    )
                return redirect(_next_url(request))
            until = throttle.record_failure(username, request)
        else:
            until = throttle.locked_until(username, request)
        if until is not None:
            logout(request)
            messages.error(request, lock_message(until))
            return redirect("web:login")
        form.add_error("code", _("Der Code ist ungültig oder abgelaufen."))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_safe
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    response = render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("accounts:verify")
    request.session[RECOVERY_SESSION_KEY] = services.recovery_codes_issue(user=request.user, by=request.user)
    return redirect("accounts:recovery_codes")


def _overview(request: HttpRequest, api_key_form: ApiKeyForm) -> HttpResponse:
    static = StaticDevice.objects.filter(user=request.user).first()
    left = static.token_set.count() if static else 0
    context = {"recovery_left": left, "api_keys": api_keys_of(request.user), "api_key_form": api_key_form}
    return render(request, "accounts/overview.html", context)


@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request, ApiKeyForm(read_only=not may_write_somewhere(request.user)))


@login_required
@require_POST
def api_key_create(request: HttpRequest) -> HttpResponse:
    """Issue a key for the signed-in user and show it this one time (the response is not stored;
    reloading the account page never shows it again). The service refuses a session that was not
    verified with the second factor."""
    form = ApiKeyForm(request.POST, read_only=not may_write_somewhere(request.user))
    if form.is_valid():
        try:
            issued = api_key_issue(
                user=request.user, by=request.user, purpose=KEY_PURPOSE, **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            response = render(request, "accounts/api_key_created.html", {"issued": issued})
            response["Cache-Control"] = "no-store"
            return response
    return _overview(request, form)


@login_required
@require_POST
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    api_key = get_object_or_404(api_keys_of(request.user), pk=pk)
    api_key_revoke_service(api_key=api_key, by=request.user, purpose=KEY_PURPOSE)
    messages.success(
        request, _("Der API-Schlüssel %(prefix)s wurde widerrufen.") % {"prefix": api_key.display_prefix}
    )
    return redirect(reverse("accounts:overview") + "#api-schluessel")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password (the policy is shown next to the field). Other sessions of the
    account end (Django's session hash follows the password); this one stays signed in."""
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_password_set(
                account=request.user, password=form.cleaned_data["new_password1"], by=request.user
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(
                request, _("Ihr Passwort wurde geändert. Andere angemeldete Sitzungen wurden beendet.")
            )
            return redirect("accounts:overview")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordLinkView(auth_views.PasswordResetConfirmView):
    """The one-time link from the account administration: set the password, then sign in (and set
    up the second factor). Django's view moves the token from the address into the session at
    once, so it leaves no trace in the browser history or a Referer."""

    template_name = "accounts/password_link.html"
    form_class = LinkPasswordForm
    token_generator = password_link_tokens
    post_reset_login = False
    http_method_names = ["get", "post", "head"]

    def dispatch(self, request, *args, **kwargs):
        # Django's view answers an invalid link before the method check: refuse other methods first
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_success_url(self) -> str:
        return reverse("web:login")

    def form_valid(self, form):
        try:
            account_password_set(account=form.user, password=form.cleaned_data["new_password1"], by=form.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(
            self.request,
            _(
                "Ihr Passwort ist festgelegt. Melden Sie sich jetzt an; beim ersten Mal richten Sie "
                "die Zwei-Faktor-Anmeldung ein."
            ),
        )
        return redirect(self.get_success_url())
