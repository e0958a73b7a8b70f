"""Programme costs (docs/indicators.md, „Kosten und Einsparungen“): what a programme costs per month,
booked by the coordination office for the coordination office itself (or another organisation)
or for a region, in one of three categories, valid from a day to an optional day."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CostCategory(models.TextChoices):
    """One source for the categories (form, exchange file, API, page, report)."""

    STAFF = "staff", _("Personal")
    MEASURES = "measures", _("Maßnahmen")
    OTHER = "other", _("Sonstiges")


class CostEntry(models.Model):
    """A monthly cost of a programme: ``monthly_amount`` EUR in every calendar month from the month
    of ``valid_from`` to the month of ``valid_to`` (open when empty). Booked either for an
    organisation (the coordination office, a regional office …) or for a region — one of the two."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="Programm", on_delete=models.PROTECT, related_name="cost_entries"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cost_entries",
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name="Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cost_entries",
    )
    category = models.CharField("Kategorie", max_length=16, choices=CostCategory.choices)
    monthly_amount = models.DecimalField("Betrag je Monat (EUR)", max_digits=12, decimal_places=2)
    valid_from = models.DateField("gültig ab")
    valid_to = models.DateField("gültig bis", null=True, blank=True)
    note = models.CharField("Bemerkung", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Kostenposten"
        verbose_name_plural = "Kostenposten"
        ordering = ["programme", "valid_from", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monthly_amount__gte=0), name="cost_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="cost_validity_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True, region__isnull=False)
                | models.Q(organisation__isnull=False, region__isnull=True),
                name="cost_organisation_or_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.category} {self.valid_from}: {self.monthly_amount}"

    @property
    def bearer(self):
        return self.organisation or self.region
