"""A fresh demo produces a report and its downloads in the browser with nothing else started:
``stufenweg demo`` (a real process, its own SQLite file, the database task backend) runs the
worker itself; the test logs in as the coordination office, requests a report, waits for it and
downloads XLSX, PDF, CSV and JSON. Stopping the server (SIGTERM) stops the worker too."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_otp.oath import totp

from stufenweg.demo.catalogue.common import DEMO_PASSWORD
from tests.browser.conftest import Browser

pytestmark = [pytest.mark.browser]

START_SECONDS = 240
WORKER_LINE = re.compile(r"Hintergrunddienst läuft .*Prozess (\d+)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


class Demo:
    def __init__(self, tmp_path: Path):
        self.data = tmp_path / "data"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "demo.log"
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        env["STUFENWEG_DATA_DIR"] = str(self.data)
        command = [sys.executable, "-m", "stufenweg", "demo", "--scale", "0.03", "--port", str(self.port)]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        self.worker_pid = self._wait_until_serving()

    def _wait_until_serving(self) -> int:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            match = WORKER_LINE.search(self.log.read_text())
            if match:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return int(match.group(1))
                except OSError:
                    pass
            time.sleep(0.5)
        raise AssertionError(f"demo did not start:\n{self.log.read_text()}")

    def totp_code(self, username: str) -> str:
        """The persona's current code, from the demo's database file (what ``stufenweg totp_code``
        prints; read here so that the test starts no process of its own)."""
        with sqlite3.connect(self.data / "stufenweg.sqlite3") as db:
            key, step, t0, digits, drift = db.execute(
                "SELECT d.key, d.step, d.t0, d.digits, d.drift FROM otp_totp_totpdevice d "
                "JOIN organisations_user u ON u.id = d.user_id WHERE u.username = ? AND d.confirmed",
                (username,),
            ).fetchone()
        return f"{totp(bytes.fromhex(key), step, t0, digits, drift):0{digits}d}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def demo(tmp_path):
    demo = Demo(tmp_path)
    yield demo
    demo.stop()
    print(demo.log.read_text()[-4000:])  # shown by pytest when the test failed


def _login(web: Browser, demo: Demo, username: str) -> None:
    page = web.page
    web.visit("/anmelden/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("#id_code")
    page.fill("#id_code", demo.totp_code(username))
    page.click("main button[type=submit]")
    page.wait_for_url(demo.url + "/")


def test_fresh_demo_reports_and_downloads_without_extra_process(page, demo, tmp_path):
    web = Browser(page, demo.url)
    _login(web, demo, "regie")

    web.visit("/berichte/")
    value = page.evaluate(
        "() => [...document.querySelectorAll('#id_programme option')]"
        ".find(o => o.textContent.includes('JobPerspektive')).value"
    )
    page.select_option("#id_programme", value)
    page.fill("#id_date_from", "2021-01-01")
    page.fill("#id_date_to", "2026-10-31")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/berichte/lauf/\d+/$"))
    # the worker started by the demo picks the run up; the page reloads when it is done
    page.wait_for_selector("a[href*='/download/xlsx/']", timeout=90_000)
    assert "Es läuft kein Hintergrunddienst" not in page.content()
    web.axe()

    magic = {"xlsx": b"PK\x03\x04", "pdf": b"%PDF-", "csv": None, "json": b"{"}
    files = {}
    for fmt in magic:
        with page.expect_download() as info:
            page.click(f"a[href*='/download/{fmt}/']")
        assert info.value.suggested_filename.endswith(f".{fmt}"), info.value.suggested_filename
        path = tmp_path / f"report.{fmt}"
        info.value.save_as(path)
        files[fmt] = path.read_bytes()
        assert files[fmt], fmt
        if magic[fmt]:
            assert files[fmt].startswith(magic[fmt]), (fmt, files[fmt][:20])

    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "report.xlsx", read_only=True)
    assert len(workbook.sheetnames) > 1
    report = json.loads(files["json"])
    assert report and isinstance(report, dict)
    text = files["csv"].decode("utf-8-sig")
    assert len(text.splitlines()) > 10 and ("JPS" in text or "JobPerspektive" in text)

    # stopping the server stops the worker it started
    assert _alive(demo.worker_pid)
    demo.stop()
    deadline = time.monotonic() + 15
    while _alive(demo.worker_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(demo.worker_pid), demo.log.read_text()[-2000:]


def test_a_killed_server_leaves_no_worker_behind(demo):
    """SIGKILL gives the server no chance to stop its child: the worker's heartbeat sees its
    parent gone and ends the worker within a few seconds."""
    assert _alive(demo.worker_pid)
    demo.process.kill()
    demo.process.wait()
    deadline = time.monotonic() + 15
    while _alive(demo.worker_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(demo.worker_pid), demo.log.read_text()[-2000:]
