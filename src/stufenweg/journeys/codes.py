"""Code lists of the journey, with the exchange format's codes as values."""

from __future__ import annotations

from django.db import models


class EventKind(models.TextChoices):
    REFERRAL = "referral", "Zuweisung"
    NOT_ARRIVED = "not_arrived", "nicht angekommen"
    ASSESSMENT_START = "assessment_start", "Beginn Eignungsfeststellung"
    ASSESSMENT_RESULT = "assessment_result", "Ergebnis Eignungsfeststellung"
    WAITLIST = "waitlist", "Warteliste"
    ENTRY = "entry", "Eintritt"
    STAGE_CHANGE = "stage_change", "Stufenwechsel"
    EXTENSION = "extension", "Verlängerung"
    INTERRUPTION = "interruption", "Unterbrechung"
    RESUMPTION = "resumption", "Wiederaufnahme"
    EXIT = "exit", "Austritt"
    REACTIVATION = "reactivation", "Reaktivierung"
    INTERNSHIP = "internship", "Praktikum"
    EMPLOYMENT_START = "employment_start", "Beschäftigungsbeginn"
    EMPLOYMENT_END = "employment_end", "Beschäftigungsende"
    QUALIFICATION = "qualification", "Qualifikation erworben"
    FOLLOW_UP = "follow_up", "Verbleibsabfrage"
    VOID = "void", "Rücknahme"


class State(models.TextChoices):
    REFERRED = "referred", "zugewiesen"
    NOT_ARRIVED = "not_arrived", "nicht angekommen"
    IN_ASSESSMENT = "in_assessment", "in Eignungsfeststellung"
    NOT_SUITABLE = "not_suitable", "nicht geeignet"
    SUITABLE = "suitable", "geeignet, ohne Platz"
    WAITING = "waiting", "auf der Warteliste"
    IN_STAGE = "in_stage", "in Stufe"
    INTERRUPTED = "interrupted", "unterbrochen"
    EXITED = "exited", "ausgetreten"
    FOLLOWED_UP = "followed_up", "Verbleib erfasst"


class AssessmentResult(models.TextChoices):
    SUITABLE = "suitable", "geeignet"
    NOT_SUITABLE = "not_suitable", "nicht geeignet"


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", "arbeitslos"
    INACTIVE = "inactive", "nicht erwerbstätig"
    EMPLOYED = "employed", "erwerbstätig"


class Benefit(models.TextChoices):
    SGB2 = "sgb2", "SGB II"
    SGB3 = "sgb3", "SGB III"
    NONE = "none", "kein Leistungsbezug"


class Change(models.TextChoices):
    PLANNED = "planned", "geplant"
    UNPLANNED = "unplanned", "ungeplant"


class ExitKind(models.TextChoices):
    REGULAR = "regular", "regulär beendet"
    EARLY_POSITIVE = "early_positive", "vorzeitig positiv (Arbeit, Ausbildung, Anschlussmaßnahme)"
    EARLY_NEGATIVE = "early_negative", "vorzeitig negativ (Abbruch)"
    EARLY_NEUTRAL = "early_neutral", "vorzeitig neutral (Krankheit, Elternzeit, Umzug, Umsteuerung)"


class ExitStatus(models.TextChoices):
    JOB_SEEKING = "job_seeking", "arbeitsuchend"
    EDUCATION = "education", "weiterführende Maßnahme / schulische oder berufliche Bildung"
    EMPLOYED_SVB = "employed_svb", "sozialversicherungspflichtig beschäftigt"
    MINIJOB = "minijob", "Minijob"
    SELF_EMPLOYED = "self_employed", "selbstständig"
    PARENTAL_LEAVE = "parental_leave", "Elternzeit / Mutterschutz"
    REHAB_PENSION_OTHER = "rehab_pension_other", "Reha / Rente / Sonstiges"
    UNKNOWN = "unknown", "unbekannt"


class EmploymentKind(models.TextChoices):
    SVB = "svb", "sozialversicherungspflichtig"
    MINIJOB = "minijob", "Minijob"
    SELF_EMPLOYED = "self_employed", "selbstständig"
    VOCATIONAL_TRAINING = "vocational_training", "Berufsausbildung"
    PUBLICLY_FUNDED = "publicly_funded", "öffentlich gefördert (§ 16i/§ 16e/AGH)"


class BenefitEffect(models.TextChoices):
    ENDED = "ended", "Leistungsbezug beendet"
    REDUCED = "reduced", "Leistungsbezug verringert"
    NONE = "none", "keine Wirkung"
    UNKNOWN = "unknown", "unbekannt"


class FollowUpSource(models.TextChoices):
    SELF = "self", "Selbstauskunft"
    REGISTER = "register", "Register"
    EMPLOYER = "employer", "Arbeitgeber"
    OTHER = "other", "Sonstige"


STATUS_ORDER = [value for value, _ in ExitStatus.choices]


def join_statuses(statuses) -> str:
    """Canonical pipe-joined form: known order, no duplicates."""
    chosen = set(statuses or [])
    return "|".join(code for code in STATUS_ORDER if code in chosen)


def split_statuses(value: str) -> list[str]:
    return [part for part in (value or "").split("|") if part]
