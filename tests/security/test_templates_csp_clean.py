"""Every template of every app works under the strict CSP: no inline script, no inline style, no
event-handler attributes, no javascript: URLs. Data-driven over the template folders, so
templates added later are checked too. (Templates rendered only to PDF by WeasyPrint are not
served to browsers but follow the same rule.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "stufenweg"
TEMPLATES = sorted(p for p in SRC.glob("*/templates/**/*.html"))

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)
# JSON data islands are data, not script (never executed): allowed
DATA_ISLAND = re.compile(r'<script[^>]*type="application/(ld\+)?json"', re.IGNORECASE)


def test_templates_were_found():
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_template_has_no_inline_code(path):
    text = path.read_text(encoding="utf-8")
    scripts = [m.group(0) for m in INLINE_SCRIPT.finditer(text) if not DATA_ISLAND.match(m.group(0))]
    assert not scripts, scripts
    assert not STYLE_BLOCK.search(text)
    assert not STYLE_ATTR.search(text)
    assert not HANDLER.search(text)
    assert not JS_URL.search(text)
