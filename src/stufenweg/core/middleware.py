"""German first: the UI speaks German unless the user chose English with the language switch.

Django's ``LocaleMiddleware`` would follow the browser's Accept-Language header, so an English
browser would get an English UI. Here the web UI uses only the language cookie (set by the
switch) and otherwise ``settings.LANGUAGE_CODE``; the API keeps honouring Accept-Language so
clients can ask for English error messages.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class GermanFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
