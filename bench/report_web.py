"""Timing of a finished report's web page, end to end (``report_bench.py --web``).

The report the benchmark has just computed is stored as a finished ``ReportRun`` (as the
background task stores it), then a coordination-office user requests its page with Django's test
client — the full request: middleware, session, the run's JSON read back from the database,
``present`` (localised texts, formats), the template — and every chart image the page names (each
one rendered by matplotlib in its own request), as a browser would. Two-factor login is switched
off for the client (``force_login``; the check is one session lookup per request).
"""

from __future__ import annotations

import json
import os
import re
import time

from django.core.serializers.json import DjangoJSONEncoder


def _user():
    from stufenweg.organisations.models import Membership, Organisation, User

    org, _ = Organisation.objects.get_or_create(
        code="BENCH-KO",
        defaults={"name": "Benchmark Regiestelle", "kind": Organisation.Kind.COORDINATION_OFFICE},
    )
    user, _ = User.objects.get_or_create(username="bench-koordination")
    Membership.objects.get_or_create(user=user, organisation=org)
    return user


def time_web_page(report: dict, programme, runs: int = 3) -> None:
    from django.test import Client, override_settings

    from stufenweg.indicators.models import ReportRun

    user = _user()
    stored = json.loads(json.dumps(report, cls=DjangoJSONEncoder))
    run = ReportRun.objects.create(
        created_by=user,
        programme=programme,
        params={
            "from": report["from"],
            "to": report["to"],
            "as_of": report["as_of"],
            "by": report["filters"]["by"],
        },
        status=ReportRun.Status.DONE,
        progress=100,
        result=stored,
    )
    size = len(json.dumps(stored))
    try:
        with override_settings(STUFENWEG_REQUIRE_2FA=False):
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            for i in range(runs):
                t = time.perf_counter()
                page = client.get(f"/berichte/lauf/{run.pk}/")
                t_page = time.perf_counter() - t
                if page.status_code != 200:
                    raise SystemExit(f"report page answered {page.status_code}")
                html = page.content.decode()
                charts = sorted(set(re.findall(r"/berichte/lauf/\d+/grafik/[\w-]+\.png", html)))
                t = time.perf_counter()
                png_bytes = 0
                for url in charts:
                    response = client.get(url)
                    if response.status_code != 200:
                        raise SystemExit(f"{url} answered {response.status_code}")
                    png_bytes += len(response.content)
                t_charts = time.perf_counter() - t
                print(
                    f"web page of the report (run {i + 1}): page {t_page:.2f} s ({len(html) // 1024} KiB HTML, "
                    f"report JSON {size // 1024} KiB), {len(charts)} charts {t_charts:.2f} s "
                    f"({png_bytes // 1024} KiB PNG), together {t_page + t_charts:.2f} s; "
                    f"load average {os.getloadavg()[0]:.2f}"
                )
    finally:
        run.delete()
