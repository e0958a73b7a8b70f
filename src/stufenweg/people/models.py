"""Persons and households (Bedarfsgemeinschaften)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from stufenweg.core.fields import EncryptedTextField


class YesNoNa(models.TextChoices):
    YES = "yes", "ja"
    NO = "no", "nein"
    NA = "na", "keine Angabe"


class Household(models.Model):
    """A Bedarfsgemeinschaft. ``household_id`` is the source system's key."""

    household_id = models.CharField("BG-Nummer", max_length=64, unique=True)

    class Meta:
        verbose_name = "Bedarfsgemeinschaft"
        verbose_name_plural = "Bedarfsgemeinschaften"
        ordering = ["household_id"]

    def __str__(self) -> str:
        return f"BG {self.household_id}"


class HouseholdMonth(models.Model):
    """Benefits paid to a household in one month (LLU: subsistence, KdU: housing and heating)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="months")
    month = models.DateField("Monat", help_text="erster Tag des Monats")
    members = models.PositiveSmallIntegerField("Mitglieder")
    llu = models.DecimalField("Regelbedarf (LLU), EUR", max_digits=10, decimal_places=2)
    kdu = models.DecimalField("Unterkunft und Heizung (KdU), EUR", max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = "Leistungsmonat"
        verbose_name_plural = "Leistungsmonate"
        ordering = ["household", "month"]
        constraints = [
            models.UniqueConstraint(fields=["household", "month"], name="household_month_unique"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="household_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.month:%Y-%m}"


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "f", "weiblich"
        MALE = "m", "männlich"
        DIVERSE = "d", "divers"
        NO_ANSWER = "x", "keine Angabe"

    class HouseholdRole(models.TextChoices):
        APPLICANT = "applicant", "Antragsteller/in"
        PARTNER = "partner", "Partner/in"
        CHILD = "child", "Kind"
        OTHER = "other", "weitere Person"

    person_id = models.CharField("Personen-ID", max_length=64, unique=True)
    first_name = models.CharField("Vorname", max_length=100)
    last_name = models.CharField("Nachname", max_length=100)
    birth_date = models.DateField("Geburtsdatum")
    gender = models.CharField("Geschlecht", max_length=1, choices=Gender.choices, default=Gender.NO_ANSWER)
    nationality = models.CharField(
        "Staatsangehörigkeit",
        max_length=16,
        blank=True,
        help_text="ISO-3166-1-Alpha-2-Code, „stateless“ oder „unknown“",
    )
    foreign_background = models.CharField(
        "Migrationshintergrund", max_length=3, choices=YesNoNa.choices, blank=True
    )
    disability = models.CharField("Behinderung", max_length=3, choices=YesNoNa.choices, blank=True)
    minority = models.CharField("Minderheit", max_length=3, choices=YesNoNa.choices, blank=True)
    homeless = models.CharField("wohnungslos", max_length=3, choices=YesNoNa.choices, blank=True)
    rural = models.CharField("ländlicher Raum", max_length=3, choices=YesNoNa.choices, blank=True)
    isced = models.PositiveSmallIntegerField(
        "ISCED-Stufe",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(8)],
    )
    vocational_qualification = models.BooleanField("Berufsabschluss", null=True, blank=True)
    single_parent = models.BooleanField("alleinerziehend", null=True, blank=True)
    # target groups of the programmes (not ESF+ characteristics); "under 25" is not stored, it is
    # the age at the entry (docs/indicators.md, Zielgruppen)
    returner = models.CharField("Berufsrückkehrer/in", max_length=3, choices=YesNoNa.choices, blank=True)
    long_term_benefit = models.CharField(
        "Langzeitleistungsbezug", max_length=3, choices=YesNoNa.choices, blank=True
    )
    refugee = models.CharField("geflüchtet", max_length=3, choices=YesNoNa.choices, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name="Bedarfsgemeinschaft",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    household_role = models.CharField(
        "Rolle in der BG", max_length=16, choices=HouseholdRole.choices, blank=True
    )
    postcode = models.CharField("Postleitzahl", max_length=10, blank=True)
    # contact data: not in the exchange format, encrypted at rest (docs/security.md, row 18)
    phone = EncryptedTextField("Telefon", blank=True)
    email = EncryptedTextField("E-Mail", blank=True)
    street = EncryptedTextField("Straße und Hausnummer", blank=True)
    town = EncryptedTextField("Ort", blank=True)
    created_at = models.DateTimeField("angelegt", auto_now_add=True)

    class Meta:
        verbose_name = "Person"
        verbose_name_plural = "Personen"
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(isced__lte=8) | models.Q(isced__isnull=True), name="person_isced_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DocumentKind(models.TextChoices):
    """Kinds of documents attached to a person (code list)."""

    CV = "cv", "Lebenslauf"
    CERTIFICATE = "certificate", "Zeugnis oder Zertifikat"
    AGREEMENT = "agreement", "Vereinbarung"
    APPLICATION = "application", "Bewerbung"
    CORRESPONDENCE = "correspondence", "Schriftverkehr"
    OTHER = "other", "sonstiges Dokument"


class Document(models.Model):
    """A file attached to a person (CV, certificate, agreement). The content lives encrypted in
    ``settings.STUFENWEG_DOCUMENT_DIR`` under ``storage_name`` (never the uploaded name); the
    original file name is personal data and stored encrypted too (``people.documents``)."""

    person = models.ForeignKey(
        Person, verbose_name="Person", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField("Art", max_length=16, choices=DocumentKind.choices)
    title = EncryptedTextField("Bezeichnung", blank=True)
    original_name = EncryptedTextField("Dateiname")
    content_type = models.CharField("Dateityp", max_length=100)
    size = models.PositiveIntegerField("Größe (Byte)")
    storage_name = models.CharField("Speichername", max_length=64, unique=True, editable=False)
    uploaded_at = models.DateTimeField("hochgeladen", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "organisations.User",
        verbose_name="hochgeladen von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = ["person", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Dokument {self.pk} ({self.get_kind_display()})"
