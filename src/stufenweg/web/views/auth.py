"""Login and logout on Django's auth views, with German templates.

A second factor (TOTP) is added later by wrapping or subclassing ``StufenwegLoginView``:
``form_class`` and ``get_success_url`` are the two places to hook into.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Anmeldung fehlgeschlagen: Benutzername oder Passwort sind falsch. "
            "Bitte prüfen Sie Ihre Eingabe (Groß- und Kleinschreibung beachten)."
        ),
        "inactive": _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an Ihre Administration."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Benutzername")
        self.fields["password"].label = _("Passwort")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class StufenwegLoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class StufenwegLogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]
