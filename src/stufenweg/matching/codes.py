"""Code lists of the matching: the kinds of a qualification."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TARGETS = 3  # target occupations of one participation at a time
SUGGESTIONS_PER_PAGE = 20


class QualificationKind(models.TextChoices):
    SCHOOL = "school", _("Schulabschluss")
    VOCATIONAL = "vocational", _("Berufsabschluss")
    PARTIAL = "partial", _("Teilqualifikation")
    CERTIFICATE = "certificate", _("Zertifikat")
    LICENCE = "licence", _("Führerschein")
    LANGUAGE = "language", _("Sprachniveau")
    OTHER = "other", _("Sonstiges")
