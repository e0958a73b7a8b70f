"""Writes of regions, organisations and employers (ARCHITECTURE.md habit 1): keyword-only,
atomic, validated, audited; who may write is checked here (``core.authority`` for the coordination
office's administration, ``organisations.authority`` for the employer register).

Organisations are never deleted: they are deactivated (``active=False``). A deactivated
organisation keeps its journey events, measures and memberships; its members lose their access
(``scope_of`` counts active organisations only) and it is no longer offered in forms.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import require_coordination_writer, writes_for_coordination
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.authority import require_employer_writer
from stufenweg.organisations.models import EmployerProfile, Membership, Organisation, Region, User

ADMIN_REFUSAL = gettext_lazy("Organisationen und Regionen verwaltet nur die Regiestelle (schreibende Rolle).")
ORGANISATION_FIELDS = ("code", "name", "kind", "region_id", "active")
PROFILE_FIELDS = ("sector", "street", "postcode", "town", *EmployerProfile.PERSONAL_FIELDS)


def _require_admin(by: User | None) -> None:
    require_coordination_writer(by, message=str(ADMIN_REFUSAL))


def _clean(obj, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude, validate_constraints=True)


# --- regions -----------------------------------------------------------------------------------


def _region_code_free(code: str, pk: int | None) -> None:
    if Region.objects.filter(code__iexact=code).exclude(pk=pk).exists():
        raise ValidationError({"code": _("Dieses Kürzel hat schon eine andere Region.")})


@transaction.atomic
def region_create(*, code: str, name: str, by: User | None) -> Region:
    _require_admin(by)
    region = Region(code=code.strip(), name=name.strip())
    _region_code_free(region.code, None)
    _clean(region)
    region.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=region,
        summary=f"Region {region.code} angelegt",
        after=snapshot(region),
    )
    return region


@transaction.atomic
def region_update(*, region: Region, code: str, name: str, by: User | None) -> Region:
    _require_admin(by)
    region = Region.objects.select_for_update().get(pk=region.pk)
    before = snapshot(region)
    region.code, region.name = code.strip(), name.strip()
    _region_code_free(region.code, region.pk)
    _clean(region)
    region.save(update_fields=["code", "name"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=region,
        summary=f"Region {region.code} geändert",
        before=before,
        after=snapshot(region),
    )
    return region


# --- organisations -----------------------------------------------------------------------------


def _code_free(code: str, pk: int | None) -> None:
    if Organisation.objects.filter(code__iexact=code).exclude(pk=pk).exists():
        raise ValidationError({"code": _("Dieses Kürzel hat schon eine andere Organisation.")})


def _check_region(org: Organisation) -> None:
    if org.kind == Organisation.Kind.REGIONAL_OFFICE and org.region_id is None:
        raise ValidationError({"region": _("Für ein Regionalbüro ist die Region Pflicht.")})


def organisation_in_use(org: Organisation) -> bool:
    """Anything refers to ``org``: memberships, measures, journey events, employer details, … —
    every reverse relation of the model, so that a relation added later counts too."""
    for rel in Organisation._meta.related_objects:
        if rel.related_model._default_manager.filter(**{rel.field.name: org}).exists():
            return True
    return False


def _check_deactivation(org: Organisation, by: User | None) -> None:
    if org.kind != Organisation.Kind.COORDINATION_OFFICE:
        return
    if by is not None and Membership.objects.filter(user=by, organisation=org).exists():
        raise ValidationError(
            {"active": _("Die eigene Regiestelle kann nicht deaktiviert werden: Sie verlören Ihren Zugang.")}
        )
    others = Organisation.objects.filter(kind=Organisation.Kind.COORDINATION_OFFICE, active=True)
    if not others.exclude(pk=org.pk).exists():
        raise ValidationError({"active": _("Die letzte aktive Regiestelle kann nicht deaktiviert werden.")})


@transaction.atomic
def organisation_create(
    *, code: str, name: str, kind: str, region: Region | None = None, by: User | None
) -> Organisation:
    """A new organisation (active). An employer gets its (empty) details too."""
    _require_admin(by)
    org = Organisation(code=code.strip(), name=name.strip(), kind=kind, region=region)
    _code_free(org.code, None)
    _check_region(org)
    _clean(org)
    org.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=org,
        summary=f"Organisation {org.code} angelegt",
        after=snapshot(org, list(ORGANISATION_FIELDS)),
    )
    if org.kind == Organisation.Kind.EMPLOYER:
        EmployerProfile.objects.create(organisation=org)
    return org


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    code: str,
    name: str,
    kind: str,
    region: Region | None,
    active: bool,
    by: User | None,
) -> Organisation:
    """Change code, name, kind, region and whether the organisation is active. The kind changes
    only while nothing refers to the organisation (it decides who sees what); a coordination
    office is not deactivated by its own members, nor the last one."""
    _require_admin(by)
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(org, list(ORGANISATION_FIELDS))
    if kind != org.kind and organisation_in_use(org):
        raise ValidationError(
            {
                "kind": _(
                    "Die Art kann nicht mehr geändert werden: Die Organisation hat schon Mitglieder, "
                    "Maßnahmen, Ereignisse oder Arbeitgeberangaben."
                )
            }
        )
    if org.active and not active:
        _check_deactivation(org, by)
    org.code, org.name, org.kind, org.region, org.active = code.strip(), name.strip(), kind, region, active
    _code_free(org.code, org.pk)
    _check_region(org)
    _clean(org)
    org.save(update_fields=["code", "name", "kind", "region", "active"])
    after = snapshot(org, list(ORGANISATION_FIELDS))
    if before != after:
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=org,
            summary=_summary(org, before, after),
            before=before,
            after=after,
        )
    if org.kind == Organisation.Kind.EMPLOYER:
        EmployerProfile.objects.get_or_create(organisation=org)
    return org


def _summary(org: Organisation, before: dict, after: dict) -> str:
    if before["active"] != after["active"]:
        return f"Organisation {org.code} {'reaktiviert' if after['active'] else 'deaktiviert'}"
    return f"Organisation {org.code} geändert"


# --- employers ---------------------------------------------------------------------------------


def _safe_profile(profile: EmployerProfile) -> dict:
    """The profile for the audit trail: the contact person's data only as „(verschlüsselt)“."""
    data = snapshot(profile, list(PROFILE_FIELDS))
    for name in EmployerProfile.PERSONAL_FIELDS:
        data[name] = "(verschlüsselt)" if data[name] else ""
    return data


def _employer_snapshot(org: Organisation, profile: EmployerProfile) -> dict:
    return {**snapshot(org, list(ORGANISATION_FIELDS)), **_safe_profile(profile)}


def employer_code_for(name: str) -> str:
    """A free code for a new employer named ``name``: ``AG-`` and the name in capitals (ASCII,
    at most 40 characters), with ``-2``, ``-3``, … when taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("&", " ")
    stem = "AG-" + (re.sub(r"[^A-Z0-9]+", "-", ascii_name.upper()).strip("-")[:40].strip("-") or "NEU")
    taken = set(Organisation.objects.filter(code__istartswith=stem).values_list("code", flat=True))
    taken = {c.upper() for c in taken}
    code, n = stem, 1
    while code.upper() in taken:
        n += 1
        code = f"{stem}-{n}"
    return code


def _no_duplicate(name: str, town: str, pk: int | None) -> None:
    """Refuse a second employer of the same name in the same town (case-insensitive)."""
    same = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, name__iexact=name).exclude(pk=pk)
    for other in same.select_related("employer_profile"):
        other_town = getattr(getattr(other, "employer_profile", None), "town", "")
        if other_town.casefold() == town.casefold():
            raise ValidationError(
                {
                    "name": _(
                        "Einen Arbeitgeber mit diesem Namen%(where)s gibt es schon (Kürzel %(code)s). "
                        "Bitte ihn aus der Liste wählen."
                    )
                    % {"where": _(" in diesem Ort") if town else "", "code": other.code}
                }
            )


def _coordination_only(by: User | None, what: str) -> None:
    if by is not None and not writes_for_coordination(by):
        raise PermissionDenied(_("%(what)s eines Arbeitgebers ändert nur die Regiestelle.") % {"what": what})


@transaction.atomic
def employer_create(
    *,
    name: str,
    by: User | None,
    code: str = "",
    region: Region | None = None,
    sector: str = "",
    street: str = "",
    postcode: str = "",
    town: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Organisation:
    """A new employer: an organisation of kind ``employer`` (what journey events and the exchange
    format refer to) with its details. ``code`` empty: one is made from the name."""
    require_employer_writer(by)
    name, town = name.strip(), town.strip()
    if not name:
        raise ValidationError({"name": _("Bitte den Namen des Arbeitgebers angeben.")})
    _no_duplicate(name, town, None)
    org = Organisation(
        code=code.strip() or employer_code_for(name),
        name=name,
        kind=Organisation.Kind.EMPLOYER,
        region=region,
    )
    _code_free(org.code, None)
    _clean(org)
    profile = EmployerProfile(
        organisation=org,
        sector=sector,
        street=street.strip(),
        postcode=postcode.strip(),
        town=town,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
    )
    _clean(profile, exclude=["organisation"])
    _check_email(profile)
    org.save(force_insert=True)
    profile.organisation = org
    profile.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=org,
        summary=f"Arbeitgeber {org.code} angelegt",
        after=_employer_snapshot(org, profile),
    )
    return org


def _check_email(profile: EmployerProfile) -> None:
    if profile.contact_email:
        try:
            validate_email(profile.contact_email)
        except ValidationError:
            raise ValidationError(
                {"contact_email": _("Bitte eine gültige E-Mail-Adresse angeben (z. B. name@firma.de).")}
            ) from None


@transaction.atomic
def employer_update(
    *,
    employer: Organisation,
    by: User | None,
    name: str,
    sector: str = "",
    street: str = "",
    postcode: str = "",
    town: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    code: str | None = None,
    region: Region | None | bool = False,
    active: bool | None = None,
) -> Organisation:
    """Change an employer's name and details. ``code``, ``region`` and ``active`` (given: not
    ``None`` / ``False`` for region) only by the coordination office: the register is shared by
    all regions and the code is what the exchange format refers to."""
    require_employer_writer(by)
    org = Organisation.objects.select_for_update().get(pk=employer.pk, kind=Organisation.Kind.EMPLOYER)
    profile, _created = EmployerProfile.objects.get_or_create(organisation=org)
    before = _employer_snapshot(org, profile)
    personal_before = {n: getattr(profile, n) for n in EmployerProfile.PERSONAL_FIELDS}
    if code is not None and code.strip() != org.code:
        _coordination_only(by, _("Das Kürzel"))
        org.code = code.strip()
    if region is not False and getattr(region, "pk", None) != org.region_id:
        _coordination_only(by, _("Die Region"))
        org.region = region
    if active is not None and active != org.active:
        _coordination_only(by, _("Den Status (aktiv)"))
        org.active = active
    org.name = name.strip()
    profile.sector = sector
    profile.street, profile.postcode, profile.town = street.strip(), postcode.strip(), town.strip()
    profile.contact_name = contact_name.strip()
    profile.contact_phone = contact_phone.strip()
    profile.contact_email = contact_email.strip()
    if not org.name:
        raise ValidationError({"name": _("Bitte den Namen des Arbeitgebers angeben.")})
    _no_duplicate(org.name, profile.town, org.pk)
    _code_free(org.code, org.pk)
    _clean(org)
    _clean(profile)
    _check_email(profile)
    org.save(update_fields=["code", "name", "region", "active"])
    profile.save()
    after = _employer_snapshot(org, profile)
    for n in EmployerProfile.PERSONAL_FIELDS:  # masked: say that it changed, not to what
        if getattr(profile, n) != personal_before[n]:
            after[n] = "(verschlüsselt, geändert)" if getattr(profile, n) else "(gelöscht)"
    if before != after:
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=org,
            summary=f"Arbeitgeber {org.code} geändert",
            before=before,
            after=after,
        )
    return org
