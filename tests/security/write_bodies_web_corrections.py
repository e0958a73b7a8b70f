"""Bodies for the write-authority test of the household file upload, the correction of a mentoring
log entry and the programme default of the after-placement support.

* ``people:household_upload`` — a households.csv naming the case's household (``BG-W-<case>``,
  write_bodies_households.py): the person rule, like the single benefit month.
* ``mentoring:entry_edit`` — a log entry per case's mentorship (``case.mentoring_log_entry``):
  nobody of the personas writes the mentoring of these cases (write_bodies_mentoring.py), the
  coordination office reads it and is refused (403).
* ``mentoring:aftercare_default_edit`` — the coordination office's writers (no persona leads the
  mentoring project); everybody else 403.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stufenweg.mentoring.models import MentoringEntry


def entry_objects(case) -> None:
    """``case.mentoring_log_entry``: an entry of ``case.mentorship`` (write_bodies_mentoring.py)."""
    case.mentoring_log_entry = MentoringEntry.objects.create(
        mentorship=case.mentorship, occurred_on=dt.date(2024, 2, 1), kind="meeting", topic="Lebenslauf"
    )


def write_objects(ww) -> None:
    for case in ww.cases.values():
        entry_objects(case)


def household_upload(ww, which, persona):
    household = ww.cases[which].household
    text = f"household_id;month;members;llu;kdu\n{household.household_id};2024-05;2;1012,50;455,00\n"
    return reverse("people:household_upload", args=[household.pk]), {
        "file": SimpleUploadedFile("households.csv", text.encode(), content_type="text/csv")
    }


def entry_edit(ww, which, persona):
    entry = ww.cases[which].mentoring_log_entry
    return reverse("mentoring:entry_edit", args=[entry.pk]), {
        "occurred_on": "2024-02-02",
        "kind": "phone",
        "topic": "Lebenslauf berichtigt",
    }


def aftercare_default(ww, which, persona):
    return reverse("mentoring:aftercare_default_edit"), {
        "organisation": str(ww.world.mentoring.pk),
        "programme": str(ww.world.programme.pk),
        "months": "9",
    }
