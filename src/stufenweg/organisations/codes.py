"""Code lists of the organisations app, with their German labels in one place."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Economic sector of an employer: the sections A–U of the German classification of economic
    activities (Klassifikation der Wirtschaftszweige, WZ 2008, = NACE Rev. 2 sections)."""

    A = "A", _("A – Land- und Forstwirtschaft, Fischerei")
    B = "B", _("B – Bergbau und Gewinnung von Steinen und Erden")
    C = "C", _("C – Verarbeitendes Gewerbe")
    D = "D", _("D – Energieversorgung")
    E = "E", _("E – Wasserversorgung, Abwasser- und Abfallentsorgung")
    F = "F", _("F – Baugewerbe")
    G = "G", _("G – Handel; Instandhaltung und Reparatur von Kraftfahrzeugen")
    H = "H", _("H – Verkehr und Lagerei")
    I = "I", _("I – Gastgewerbe")  # noqa: E741 - the section's letter
    J = "J", _("J – Information und Kommunikation")
    K = "K", _("K – Finanz- und Versicherungsdienstleistungen")
    L = "L", _("L – Grundstücks- und Wohnungswesen")
    M = "M", _("M – Freiberufliche, wissenschaftliche und technische Dienstleistungen")
    N = "N", _("N – Sonstige wirtschaftliche Dienstleistungen")
    O = "O", _("O – Öffentliche Verwaltung, Verteidigung; Sozialversicherung")  # noqa: E741
    P = "P", _("P – Erziehung und Unterricht")
    Q = "Q", _("Q – Gesundheits- und Sozialwesen")
    R = "R", _("R – Kunst, Unterhaltung und Erholung")
    S = "S", _("S – Sonstige Dienstleistungen")
    T = "T", _("T – Private Haushalte mit Hauspersonal")
    U = "U", _("U – Exterritoriale Organisationen und Körperschaften")


class ContactKind(models.TextChoices):
    """How staff were in touch with an employer (the employer contact history)."""

    VISIT = "visit", _("Betriebsbesuch")
    PHONE = "phone", _("Telefonat")
    EMAIL = "email", _("E-Mail")
    MEETING = "meeting", _("Gespräch in der Einrichtung")
    EVENT = "event", _("Veranstaltung (z. B. JOBcafé, Netzwerktreffen)")
    OTHER = "other", _("sonstiger Kontakt")


class ContactTopic(models.TextChoices):
    """What an employer contact was about. Every recorded contact is support of the employer
    („Arbeitgeber unterstützt“, docs/indicators.md ``emp.supported``)."""

    ACQUISITION = "acquisition", _("Gewinnung (Praktikums- oder Arbeitsplätze)")
    PLACEMENT = "placement", _("Vermittlung, Bewerbung einer/eines Teilnehmenden")
    SUPPORT = "support", _("Begleitung nach Praktikums- oder Arbeitsbeginn")
    FUNDING = "funding", _("Beratung zu Förderungen")
    OTHER = "other", _("Sonstiges")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("offen")
    FILLED = "filled", _("besetzt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
