"""The code lists of support services, barriers and the 4-phase model (one source each).

The services and language courses are those the Jobcenter Nordsachsen names in its labour-market
and integration programme (AMIP 2025/2026): the municipal integration services of § 16a SGB II
(care of children or relatives, debt counselling, psychosocial support, addiction counselling),
the integration course, the vocational language course (BSK) and the Job-BSK of the JOB-Turbo,
the recognition of foreign vocational qualifications and the health-oriented counselling of the
GKV alliance. The profile categories and the default phases are those of the Federal Employment
Agency's four-phase model of integration work (4PM).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    """The kind of a service a participant is referred to (``ServiceReferral.kind``)."""

    CHILDCARE = "childcare", _("Betreuung von Kindern oder Pflege von Angehörigen (§ 16a Nr. 1 SGB II)")
    DEBT = "debt", _("Schuldnerberatung (§ 16a Nr. 2 SGB II)")
    PSYCHOSOCIAL = "psychosocial", _("Psychosoziale Betreuung (§ 16a Nr. 3 SGB II)")
    ADDICTION = "addiction", _("Suchtberatung (§ 16a Nr. 4 SGB II)")
    INTEGRATION_COURSE = "integration_course", _("Integrationskurs")
    BSK = "bsk", _("Berufssprachkurs (BSK)")
    JOB_BSK = "job_bsk", _("Job-Berufssprachkurs (Job-BSK)")
    RECOGNITION = "recognition", _("Anerkennung ausländischer Berufsabschlüsse")
    HEALTH = "health", _("Gesundheitsorientierte Beratung")


#: the groups of ``ServiceKind`` in the forms (optgroups), in this order
SERVICE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        _("Kommunale Eingliederungsleistungen (§ 16a SGB II)"),
        (ServiceKind.CHILDCARE, ServiceKind.DEBT, ServiceKind.PSYCHOSOCIAL, ServiceKind.ADDICTION),
    ),
    (_("Sprachkurse"), (ServiceKind.INTEGRATION_COURSE, ServiceKind.BSK, ServiceKind.JOB_BSK)),
    (_("Weitere Angebote"), (ServiceKind.RECOGNITION, ServiceKind.HEALTH)),
)


class ReferralStatus(models.TextChoices):
    """The status of a referral. Forward only (``NEXT``); a mistake is undone by a correction."""

    PLANNED = "planned", _("geplant")
    REFERRED = "referred", _("vermittelt")
    STARTED = "started", _("begonnen")
    ENDED = "ended", _("beendet")
    DECLINED = "declined", _("abgelehnt")


R = ReferralStatus
#: the statuses that may follow each status (ended and declined are final)
NEXT: dict[str, tuple[str, ...]] = {
    R.PLANNED: (R.REFERRED, R.STARTED, R.DECLINED),
    R.REFERRED: (R.STARTED, R.DECLINED),
    R.STARTED: (R.ENDED,),
    R.ENDED: (),
    R.DECLINED: (),
}
#: the date field of ``ServiceReferral`` that holds the day each status was reached
DATE_FIELD: dict[str, str] = {
    R.PLANNED: "planned_on",
    R.REFERRED: "referred_on",
    R.STARTED: "started_on",
    R.ENDED: "ended_on",
    R.DECLINED: "declined_on",
}


class BarrierKind(models.TextChoices):
    """Structured barriers to employment (Vermittlungshemmnisse) of the needs assessment."""

    CHILDCARE = "childcare", _("Kinderbetreuung")
    MOBILITY = "mobility", _("Mobilität")
    HEALTH = "health", _("Gesundheit")
    LANGUAGE = "language", _("Sprache")
    DEBT = "debt", _("Schulden")
    HOUSING = "housing", _("Wohnen")


class ProfileCategory(models.TextChoices):
    """The profile categories of the four-phase model (integration prognosis)."""

    MARKET = "market", _("Marktprofil")
    ACTIVATION = "activation", _("Aktivierungsprofil")
    SUPPORT = "support", _("Förderprofil")
    DEVELOPMENT = "development", _("Entwicklungsprofil")
    STABILISATION = "stabilisation", _("Stabilisierungsprofil")
    ASSISTANCE = "assistance", _("Unterstützungsprofil")


#: the integration-near profiles: an integration is expected within twelve months
NEAR_PROFILES = frozenset({ProfileCategory.MARKET, ProfileCategory.ACTIVATION, ProfileCategory.SUPPORT})
PROGNOSIS_NEAR = _("integrationsnah: Integration innerhalb von 12 Monaten erwartet")
PROGNOSIS_COMPLEX = _("komplexe Profillage: Integration voraussichtlich erst nach mehr als 12 Monaten")


def prognosis(category: str) -> str:
    """The integration prognosis that a profile category stands for."""
    return str(PROGNOSIS_NEAR if category in NEAR_PROFILES else PROGNOSIS_COMPLEX)


#: the phases of a programme's support plans when it configures none of its own (4PM)
DEFAULT_PHASES: tuple[str, ...] = (
    "Profiling (Potenzialanalyse)",
    "Zielfestlegung",
    "Strategieauswahl",
    "Umsetzung und Nachhalten",
)
