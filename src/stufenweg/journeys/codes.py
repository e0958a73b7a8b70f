"""Code lists of the journey, with the exchange format's codes as values."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    REFERRAL = "referral", _("Zuweisung")
    NOT_ARRIVED = "not_arrived", _("nicht angekommen")
    ASSESSMENT_START = "assessment_start", _("Beginn Eignungsfeststellung")
    ASSESSMENT_RESULT = "assessment_result", _("Ergebnis Eignungsfeststellung")
    WAITLIST = "waitlist", _("Warteliste")
    ENTRY = "entry", _("Eintritt")
    STAGE_CHANGE = "stage_change", _("Stufenwechsel")
    EXTENSION = "extension", _("Verlängerung")
    INTERRUPTION = "interruption", _("Unterbrechung")
    RESUMPTION = "resumption", _("Wiederaufnahme")
    EXIT = "exit", _("Austritt")
    REACTIVATION = "reactivation", _("Reaktivierung")
    INTERNSHIP = "internship", _("Praktikum")
    EMPLOYMENT_START = "employment_start", _("Beschäftigungsbeginn")
    EMPLOYMENT_END = "employment_end", _("Beschäftigungsende")
    QUALIFICATION = "qualification", _("Qualifikation erworben")
    FOLLOW_UP = "follow_up", _("Verbleibsabfrage")
    VOID = "void", _("Rücknahme")


class State(models.TextChoices):
    REFERRED = "referred", _("zugewiesen")
    NOT_ARRIVED = "not_arrived", _("nicht angekommen")
    IN_ASSESSMENT = "in_assessment", _("in Eignungsfeststellung")
    NOT_SUITABLE = "not_suitable", _("nicht geeignet")
    SUITABLE = "suitable", _("geeignet, ohne Platz")
    WAITING = "waiting", _("auf der Warteliste")
    IN_STAGE = "in_stage", _("in Stufe")
    INTERRUPTED = "interrupted", _("unterbrochen")
    EXITED = "exited", _("ausgetreten")
    FOLLOWED_UP = "followed_up", _("Verbleib erfasst")


class AssessmentResult(models.TextChoices):
    SUITABLE = "suitable", _("geeignet")
    NOT_SUITABLE = "not_suitable", _("nicht geeignet")


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("arbeitslos")
    INACTIVE = "inactive", _("nicht erwerbstätig")
    EMPLOYED = "employed", _("erwerbstätig")


class Benefit(models.TextChoices):
    SGB2 = "sgb2", _("SGB II")
    SGB3 = "sgb3", _("SGB III")
    NONE = "none", _("kein Leistungsbezug")


class Change(models.TextChoices):
    PLANNED = "planned", _("geplant")
    UNPLANNED = "unplanned", _("ungeplant")


class ExitKind(models.TextChoices):
    REGULAR = "regular", _("regulär beendet")
    EARLY_POSITIVE = "early_positive", _("vorzeitig positiv (Arbeit, Ausbildung, Anschlussmaßnahme)")
    EARLY_NEGATIVE = "early_negative", _("vorzeitig negativ (Abbruch)")
    EARLY_NEUTRAL = "early_neutral", _("vorzeitig neutral (Krankheit, Elternzeit, Umzug, Umsteuerung)")


class ExitStatus(models.TextChoices):
    JOB_SEEKING = "job_seeking", _("arbeitsuchend")
    EDUCATION = "education", _("weiterführende Maßnahme / schulische oder berufliche Bildung")
    EMPLOYED_SVB = "employed_svb", _("sozialversicherungspflichtig beschäftigt")
    MINIJOB = "minijob", _("Minijob")
    SELF_EMPLOYED = "self_employed", _("selbstständig")
    PARENTAL_LEAVE = "parental_leave", _("Elternzeit / Mutterschutz")
    REHAB_PENSION_OTHER = "rehab_pension_other", _("Reha / Rente / Sonstiges")
    UNKNOWN = "unknown", _("unbekannt")


class EmploymentKind(models.TextChoices):
    SVB = "svb", _("sozialversicherungspflichtig")
    MINIJOB = "minijob", _("Minijob")
    SELF_EMPLOYED = "self_employed", _("selbstständig")
    VOCATIONAL_TRAINING = "vocational_training", _("Berufsausbildung")
    PUBLICLY_FUNDED = "publicly_funded", _("öffentlich gefördert (§ 16i/§ 16e/AGH)")


class BenefitEffect(models.TextChoices):
    ENDED = "ended", _("Leistungsbezug beendet")
    REDUCED = "reduced", _("Leistungsbezug verringert")
    NONE = "none", _("keine Wirkung")
    UNKNOWN = "unknown", _("unbekannt")


class FollowUpSource(models.TextChoices):
    SELF = "self", _("Selbstauskunft")
    REGISTER = "register", _("Register")
    EMPLOYER = "employer", _("Arbeitgeber")
    OTHER = "other", _("Sonstige")


STATUS_ORDER = [value for value, _ in ExitStatus.choices]


def join_statuses(statuses) -> str:
    """Canonical pipe-joined form: known order, no duplicates."""
    chosen = set(statuses or [])
    return "|".join(code for code in STATUS_ORDER if code in chosen)


def split_statuses(value: str) -> list[str]:
    return [part for part in (value or "").split("|") if part]
