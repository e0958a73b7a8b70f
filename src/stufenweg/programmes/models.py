"""Programmes, their ordered stages with rules, measures at providers, and targets (Soll).

Every programme of the seeds is data in these tables; no code knows a programme by name.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from stufenweg.organisations.kldb import parse_codes, validate_kldb_list
from stufenweg.organisations.models import Organisation, Region


def default_in_work_kinds() -> list[str]:
    return ["svb", "self_employed"]


def default_in_work_statuses() -> list[str]:
    return ["employed_svb", "self_employed"]


class Programme(models.Model):
    class LtuRule(models.TextChoices):
        TWELVE_MONTHS = "12m", "Langzeitarbeitslos ab 12 Monaten"
        EU_AGE = "eu_age", "EU-Regel: unter 25 mehr als 6, ab 25 mehr als 12 Monate"

    code = models.CharField("Kürzel", max_length=32, unique=True)
    name = models.CharField("Name", max_length=255)
    description = models.TextField("Beschreibung", blank=True)
    ltu_rule = models.CharField(
        "Regel Langzeitarbeitslosigkeit",
        max_length=8,
        choices=LtuRule.choices,
        default=LtuRule.TWELVE_MONTHS,
    )
    in_work_kinds = models.JSONField("„in Arbeit“: Beschäftigungsarten", default=default_in_work_kinds)
    in_work_statuses = models.JSONField("„in Arbeit“: Status beim Austritt", default=default_in_work_statuses)
    upon_leaving_days = models.PositiveSmallIntegerField("Fenster „beim Austritt“ (Tage)", default=28)
    follow_up_months = models.PositiveSmallIntegerField(
        "Verbleibszeitpunkt (Monate nach Austritt)", default=6
    )
    # the programme's flow on top of the default state machine (journeys.spec.programme_kinds)
    reactivation_needs_assessment = models.BooleanField(
        "Reaktivierung nur mit neuer Eignungsfeststellung", default=False
    )
    reactivation_after_referral = models.BooleanField(
        "Reaktivierung nach erneuter Zuweisung möglich", default=True
    )
    max_months = models.PositiveSmallIntegerField(
        "Höchstdauer über alle Stufen (Monate ab dem ersten Eintritt)", null=True, blank=True
    )
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "Förderprogramm"
        verbose_name_plural = "Förderprogramme"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # the settings the indicator engine reads (indicators.engine.settings_for); a report run
    # stores them with its parameters, so a later change does not rewrite a computed report
    REPORT_SETTINGS = (
        "ltu_rule",
        "in_work_kinds",
        "in_work_statuses",
        "upon_leaving_days",
        "follow_up_months",
    )

    def report_settings(self) -> dict:
        return {name: getattr(self, name) for name in self.REPORT_SETTINGS}

    def caseload_ratio_on(self, day: dt.date) -> CaseloadRatio | None:
        """The caseload ratio in force on ``day``: the latest one valid from that day or before
        (reads a prefetched ``caseload_ratios`` when there is one)."""
        valid = [r for r in self.caseload_ratios.all() if r.valid_from <= day]
        return max(valid, key=lambda r: r.valid_from, default=None)


class CaseloadRatio(models.Model):
    """A caseload ratio (Betreuungsschlüssel: participants per member of staff) of a programme,
    valid from a day until the next one of the same programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="caseload_ratios")
    valid_from = models.DateField("gültig ab")
    ratio = models.PositiveSmallIntegerField(
        "Teilnehmende je Fachkraft", validators=[MinValueValidator(1), MaxValueValidator(999)]
    )

    class Meta:
        verbose_name = "Betreuungsschlüssel"
        verbose_name_plural = "Betreuungsschlüssel"
        ordering = ["programme", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "valid_from"], name="caseloadratio_unique_valid_from"
            ),
            models.CheckConstraint(condition=models.Q(ratio__gte=1), name="caseloadratio_ratio_positive"),
        ]

    def __str__(self) -> str:
        return f"1:{self.ratio} ab {self.valid_from:%d.%m.%Y}"


class Stage(models.Model):
    """A stage or phase (Stufe/Phase) of a programme, with its rules."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    code = models.CharField("Kürzel", max_length=32)
    name = models.CharField("Name", max_length=255)
    position = models.PositiveSmallIntegerField("Reihenfolge", validators=[MinValueValidator(1)])
    max_months = models.PositiveSmallIntegerField("Höchstdauer (Monate)", null=True, blank=True)
    min_age = models.PositiveSmallIntegerField("Mindestalter bei Eintritt", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("Höchstalter bei Eintritt", null=True, blank=True)
    min_unemployed_months = models.PositiveSmallIntegerField(
        "Mindestdauer der Arbeitslosigkeit (Monate)",
        null=True,
        blank=True,
    )
    extendable = models.BooleanField("verlängerbar", default=True)
    next_stages = models.ManyToManyField(
        "self",
        verbose_name="zulässige Folgestufen",
        symmetrical=False,
        blank=True,
        related_name="previous_stages",
        help_text="leer = jede Stufe des Programms",
    )

    class Meta:
        verbose_name = "Stufe"
        verbose_name_plural = "Stufen"
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="stage_unique_code"),
            models.UniqueConstraint(fields=["programme", "position"], name="stage_unique_position"),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="stage_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """A measure (Maßnahme) run by a provider for one or more stages."""

    code = models.CharField("Kürzel", max_length=64, unique=True)
    name = models.CharField("Name", max_length=255)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="measures")
    stages = models.ManyToManyField(Stage, verbose_name="Stufen", related_name="measures")
    provider = models.ForeignKey(
        Organisation,
        verbose_name="Träger",
        on_delete=models.PROTECT,
        related_name="measures",
    )
    region = models.ForeignKey(
        Region, verbose_name="Region", on_delete=models.PROTECT, related_name="measures"
    )
    operation = models.CharField("ESF-Vorhaben", max_length=64, blank=True)
    location = models.CharField("Ort", max_length=200, blank=True)
    places = models.PositiveIntegerField("Plätze")
    start = models.DateField("Beginn")
    end = models.DateField("Ende", null=True, blank=True)
    rolling_entry = models.BooleanField("durchlaufender Einstieg", default=True)
    allow_overbooking = models.BooleanField("Überbelegung zulässig (mit Bestätigung)", default=False)
    occupations = models.CharField(
        "Berufe (KldB 2010)",
        max_length=200,
        blank=True,
        validators=[validate_kldb_list],
        help_text="fünfstellige Schlüssel der KldB 2010, durch Komma getrennt (z. B. 29302, 29301)",
    )

    class Meta:
        verbose_name = "Maßnahme"
        verbose_name_plural = "Maßnahmen"
        ordering = ["programme", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="measure_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def occupation_codes(self) -> list[str]:
        """The measure's occupations (``occupations``), in order."""
        return [code for code in re.split(r"[\s,;]+", self.occupations or "") if code]

    def clean(self) -> None:
        super().clean()
        if self.occupations:  # stored in one spelling: „29302, 29301“
            self.occupations = ", ".join(parse_codes(self.occupations))


class MeasureStart(models.Model):
    """A further start date (Starttermin) of a measure without rolling entry; the measure's
    ``start`` is always its first one (``programmes.entry_dates``)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="starts")
    on = models.DateField("Starttermin")

    class Meta:
        verbose_name = "Starttermin"
        verbose_name_plural = "Starttermine"
        ordering = ["measure", "on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "on"], name="measure_start_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} ab {self.on:%d.%m.%Y}"


class Target(models.Model):
    """A target value (Soll) for an indicator over a period, optionally per region and stage."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField("Kennzahl", max_length=64)
    period_from = models.DateField("von")
    period_to = models.DateField("bis")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="targets")
    target = models.DecimalField("Soll", max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = "Zielwert (Soll)"
        verbose_name_plural = "Zielwerte (Soll)"
        ordering = ["programme", "indicator", "period_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")), name="target_period_ordered"
            ),
            models.CheckConstraint(condition=models.Q(target__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_from}–{self.period_to}: {self.target}"


class ReasonCode(models.Model):
    """A coded reason of a programme's own list: why an enrolment is extended (Verlängerung) or
    why someone leaves (Austritt; reported for the early exits). The free-text reason of the event
    stays its note. A code once used is never deleted, only deactivated (``active``): recorded
    events keep naming it, new ones may not. The default lists: ``programmes.reason_codes``."""

    class Purpose(models.TextChoices):
        EXTENSION = "extension", "Verlängerung"
        EXIT = "exit", "Austritt"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reason_codes")
    purpose = models.CharField("Verwendung", max_length=16, choices=Purpose.choices)
    code = models.CharField(
        "Code",
        max_length=32,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9_-]*$",
                "Bitte nur Kleinbuchstaben, Ziffern, - und _ verwenden (am Anfang ein Buchstabe oder eine Ziffer).",
            )
        ],
    )
    label = models.CharField("Bezeichnung", max_length=200)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=1)
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "Grund (Code)"
        verbose_name_plural = "Gründe (Codes)"
        ordering = ["programme", "purpose", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "purpose", "code"], name="reasoncode_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.label}"
