"""The ``stufenweg`` command: every Django management command, with the demo settings by default.

``stufenweg demo`` starts the demo, ``stufenweg migrate``, ``stufenweg import`` … work as their
Django counterparts. Set ``DJANGO_SETTINGS_MODULE=stufenweg.config.settings.production`` (and
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS) for production.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stufenweg.config.settings.demo")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["stufenweg", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
