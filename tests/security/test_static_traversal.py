"""The demo server answers a path that climbs out of the static folder with 404, not 500.

``stufenweg demo`` serves with ``runserver`` (with ``DEBUG=True`` in development, the case tested
here). Django's own static handler
(``django.contrib.staticfiles``) raised ``SuspiciousFileOperation`` for ``/static/../x``, a 500
with a traceback. The demo's static files come from WhiteNoise (which refuses such a path and
hands it to the URL resolver: 404), so ``runserver`` no longer wraps the application in Django's
static handler. The server is driven through the handler ``runserver`` itself builds."""

from __future__ import annotations

import pytest
from django.core.management import get_commands, load_command_class
from django.test import RequestFactory, override_settings

pytestmark = pytest.mark.django_db


def _runserver_handler():
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = vars(command.create_parser("stufenweg", "runserver").parse_args([]))
    return command.get_handler(**options)


def _get(path: str) -> tuple[int, bytes]:
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")  # noqa: SLF001
    status: list[str] = []
    body = b"".join(_runserver_handler()(environ, lambda s, headers, *args: status.append(s)))
    return int(status[0].split()[0]), body


@override_settings(DEBUG=True)
@pytest.mark.parametrize("path", ["/static/../x", "/static/../../etc/passwd", "/static/web/../../x"])
def test_a_path_out_of_the_static_folder_is_a_404(path):
    status, _body = _get(path)
    assert status == 404


@override_settings(DEBUG=True)
def test_static_files_are_still_served_in_the_demo():
    status, body = _get("/static/web/css/stufenweg.css")
    assert status == 200
    assert body
