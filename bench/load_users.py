"""Simulated staff users for ``load_bench.py``: log in through the real pages, then click.

Only ``http.client`` and the standard library: each user is a thread with its own cookie jar;
each request opens a new connection to the loopback address (as a reverse proxy in front of
the WSGI server does) and reads the whole body. The TOTP code is computed with django-otp's
``totp`` from the device key the bench created, exactly as an authenticator app would.
"""

from __future__ import annotations

import http.client
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

LIST_PATH = "/teilnehmende/"
LOGIN_PATH = "/anmelden/"
VERIFY_PATH = "/konto/zwei-faktor/pruefen/"
CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COUNT_RE = re.compile(rb'id="results-heading"[^>]*>([\d.,]+) Teilnahme')
RESULTS_MARKER = b'id="participant-results"'
SORTS = ["-name", "stage", "-since", "planned_end", "next_appointment", "-last_contact"]
SEARCHES = ["müller", "schroeder", "Weiß", "jörg", "öztürk", "schm", "Anna Koch", "lange"]
STATES = ["in_stage", "waiting", "in_assessment", "interrupted", "exited", ""]


@dataclass
class BenchUser:
    username: str
    password: str
    kind: str  # "Regiestelle", "Regionalbüro", "Träger"
    totp: tuple  # (bin_key, step, t0, digits, drift) of the user's confirmed device
    region_ids: list[int]  # regions this user would filter by


@dataclass
class Sample:
    at: float  # seconds since the start of the measurement
    ms: float
    variant: str
    ok: bool
    detail: str = ""


@dataclass
class Shared:
    """What the user threads share: the deadline, the request budget and the samples."""

    deadline: float
    budget: int
    started: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def take(self) -> bool:
        """One request of the budget; False when the budget or the time is used up."""
        with self.lock:
            if self.budget <= 0 or time.monotonic() >= self.deadline or self.stop.is_set():
                return False
            self.budget -= 1
            return True


class Browser:
    """A cookie jar and one request at a time against ``host:port`` (loopback only)."""

    def __init__(self, host: str, port: int, timeout: float = 30.0):
        if not host.startswith("127.") and host not in ("localhost", "::1"):
            raise ValueError("Lasttests nur gegen die Loopback-Adresse")
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict | None = None, *, htmx: bool = False
    ) -> tuple[int, dict, bytes]:
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "close", "Accept-Language": "de"}
        if htmx:  # what htmx sends for the filter form (hx-target="#participant-results")
            headers.update({"HX-Request": "true", "HX-Target": "participant-results",
                            "HX-Current-URL": f"http://{self.host}:{self.port}{LIST_PATH}"})  # fmt: skip
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for raw in response.msg.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(raw)
                for name, morsel in jar.items():
                    if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, dict(response.getheaders()), content
        finally:
            conn.close()

    def form_token(self, path: str) -> str:
        status, _, content = self.request("GET", path)
        match = CSRF_RE.search(content)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}, kein CSRF-Token")
        return match.group(1).decode()


def totp_code(totp: tuple) -> str:
    from django_otp.oath import totp as compute

    bin_key, step, t0, digits, drift = totp
    return f"{compute(bin_key, step, t0, digits, drift):0{digits}d}"


def log_in(browser: Browser, user: BenchUser) -> None:
    """Password, then TOTP, through the real login and verification pages."""
    token = browser.form_token(LOGIN_PATH)
    credentials = {"username": user.username, "password": user.password, "csrfmiddlewaretoken": token}
    status, headers, _ = browser.request("POST", LOGIN_PATH, credentials)
    if status != 302:
        raise RuntimeError(f"{user.username}: Anmeldung {status}")
    token = browser.form_token(VERIFY_PATH)
    status, headers, _ = browser.request(
        "POST", VERIFY_PATH, {"code": totp_code(user.totp), "csrfmiddlewaretoken": token}
    )
    if status != 302 or VERIFY_PATH in headers.get("Location", ""):
        raise RuntimeError(f"{user.username}: TOTP-Prüfung {status}")


def list_count(content: bytes) -> int | None:
    match = COUNT_RE.search(content)
    return int(match.group(1).replace(b".", b"").replace(b",", b"")) if match else None


def form_fields(**values) -> dict:
    """The filter form as the browser sends it (every select, empty ones too)."""
    fields = dict.fromkeys(["q", "programme", "stage", "region", "measure", "status", "caseworker"], "")
    return {**fields, "status": "active", "sort": "name", **values}


def next_click(rng: random.Random, user: BenchUser) -> tuple[str, dict, bool]:
    """What a caseworker clicks next: (variant, query, htmx?). Opening the list, paging and the
    sort links in the column headers load the whole page; typing a search or changing a
    filter select is an htmx request for the results (as the browser sends it)."""
    roll = rng.random()
    if roll < 0.30:
        return "Seite 1", {}, False
    if roll < 0.45:
        return "Seite 2", {"page": 2}, False
    if roll < 0.65:
        return "Suche", form_fields(q=rng.choice(SEARCHES), status=rng.choice(["active", ""])), True
    if roll < 0.75:
        return "Status", form_fields(status=rng.choice(STATES)), True
    if roll < 0.85:
        return (
            "Region",
            form_fields(region=rng.choice(user.region_ids), status=rng.choice(["active", "in_stage"])),
            True,
        )
    return "Sortierung", {"sort": rng.choice(SORTS)}, False


def run_user(
    browser: Browser, user: BenchUser, shared: Shared, think: tuple[float, float], seed: int, full_pages: bool
) -> None:
    """Click the list until the time or the request budget is used up; think between clicks."""
    rng = random.Random(seed)
    if shared.stop.wait(rng.uniform(0, think[1])):  # users do not all start in the same instant
        return
    while shared.take():
        variant, params, htmx = next_click(rng, user)
        htmx = htmx and not full_pages
        path = LIST_PATH + (f"?{urlencode(params)}" if params else "")
        t0 = time.monotonic()
        try:
            status, _, content = browser.request("GET", path, htmx=htmx)
            ok = status == 200 and RESULTS_MARKER in content and (not htmx or b"<html" not in content)
            detail = "" if ok else f"HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            ok, detail = False, type(exc).__name__
        t1 = time.monotonic()
        with shared.lock:
            label = f"{variant} (htmx)" if htmx else variant
            shared.samples.append(Sample(t0 - shared.started, (t1 - t0) * 1000, label, ok, detail))
        if shared.stop.wait(rng.uniform(*think)):
            return


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summary(samples: list[Sample]) -> dict:
    times = [s.ms for s in samples]
    if not times:
        return {"n": 0}
    return {
        "n": len(times),
        "errors": sum(not s.ok for s in samples),
        "median": statistics.median(times),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "max": max(times),
    }
