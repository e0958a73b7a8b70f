"""Every app's English catalogue is complete (no untranslated or fuzzy entry) and its committed
.mo holds exactly the messages of its .po, so that nothing shows German in English for want of a
`compilemessages`. The .po is read with a small parser, the .mo with the standard library."""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "stufenweg"
CATALOGUES = sorted(SRC.glob("*/locale/en/LC_MESSAGES/django.po"))


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete ``#~`` entries are skipped, the header kept)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    flags: set[str] = set()

    def finish():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            finish()
            flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue  # references, previous msgids, comments, obsolete entries
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        else:
            if keyword in ("msgctxt", "msgid") and current is not None and current.msgstr:
                finish()
            if current is None:
                current = Entry(flags=flags, line=number)
                flags = set()
        text = ast.literal_eval(rest)
        if keyword == "msgctxt":
            current.msgctxt, target = text, ("msgctxt", 0)
        elif keyword == "msgid":
            current.msgid, target = text, ("msgid", 0)
        elif keyword == "msgid_plural":
            current.msgid_plural, target = text, ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if "[" in keyword else 0
            current.msgstr[index] = text
            target = ("msgstr", index)
        elif keyword == "":
            kind, index = target
            if kind == "msgstr":
                current.msgstr[index] += text
            else:
                setattr(current, kind, getattr(current, kind) + text)
        else:
            raise ValueError(f"{path}:{number}: unexpected line {raw!r}")
    finish()
    return entries


def test_every_app_with_english_text_has_a_catalogue():
    apps = {p.parents[3].name for p in CATALOGUES}
    assert {"web", "casework", "journeys", "indicators"} <= apps


@pytest.mark.parametrize("path", [pytest.param(p, id=p.parents[3].name) for p in CATALOGUES])
def test_catalogue_complete(path):
    entries = [e for e in parse_po(path) if e.msgid]
    assert entries, f"{path} has no messages"
    fuzzy = [f"{path.name}:{e.line} {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    untranslated = [f"{path.name}:{e.line} {e.msgid!r}" for e in entries if not all(e.msgstr.values())]
    assert not fuzzy, f"fuzzy entries in {path}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {path}: {untranslated}"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.parents[3].name) for p in CATALOGUES])
def test_mo_matches_po(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as fp:
        catalog = gettext.GNUTranslations(fp)._catalog  # noqa: SLF001 - the compiled messages
    expected = {}
    for e in parse_po(path):
        if not e.msgid or "fuzzy" in e.flags or not all(e.msgstr.values()):
            continue  # msgfmt leaves these out
        if e.msgid_plural is None:
            expected[e.key] = e.msgstr[0]
        else:
            for index, text in e.msgstr.items():
                expected[(e.key, index)] = text
    compiled = {k: v for k, v in catalog.items() if k != ""}
    stale = sorted(str(k) for k in expected.keys() ^ compiled.keys())
    assert not stale, f"{mo} differs from its .po in these messages (recompile): {stale[:10]}"
    changed = sorted(str(k) for k in expected if expected[k] != compiled[k])
    assert not changed, f"{mo} has other translations than its .po for: {changed[:10]}"


def test_parser_reads_flags_plurals_context_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\n#| msgid "alt"\nmsgid "Ziel: %(goal)s"\nmsgstr "Goal: %(goal)s"\n\n'
        'msgctxt "Monat"\nmsgid "Mai"\nmsgstr "May"\n\n'
        'msgid ""\n"ein "\n"Satz"\nmsgstr ""\n"a "\n"sentence"\n\n'
        'msgid "ein Tag"\nmsgid_plural "%(n)s Tage"\nmsgstr[0] "one day"\nmsgstr[1] ""\n\n'
        '#~ msgid "alt"\n#~ msgstr "old"\n',
        encoding="utf-8",
    )
    header, goal, may, sentence, days = parse_po(po)
    assert header.msgid == "" and header.msgstr[0] == "Language: en\n"
    assert goal.flags == {"fuzzy", "python-format"} and goal.msgstr[0] == "Goal: %(goal)s"
    assert may.key == "Monat\x04Mai" and "fuzzy" not in may.flags
    assert (sentence.msgid, sentence.msgstr[0]) == ("ein Satz", "a sentence")
    assert days.msgid_plural == "%(n)s Tage" and days.msgstr == {0: "one day", 1: ""}
