"""Step: master data (configuration) from the catalogue: regions, organisations, programmes,
stages with rules, measures, targets, staff users and memberships. Plain ORM creates."""

from __future__ import annotations

import math
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from stufenweg.demo.catalogue import PROGRAMMES
from stufenweg.demo.catalogue.common import (
    DEMO_PASSWORD,
    EMPLOYERS,
    ORGANISATIONS,
    PERSONAS,
    REGIONS,
    STAFF_OVERRIDES,
    STAFF_PER_KIND,
)
from stufenweg.demo.catalogue.employers import EMPLOYER_DETAILS
from stufenweg.demo.context import DemoContext
from stufenweg.demo.names import GERMAN_FEMALE, GERMAN_LAST, GERMAN_MALE
from stufenweg.organisations.models import EmployerProfile, Membership, Organisation, Region, User
from stufenweg.programmes.models import CaseloadRatio, Measure, MeasureStart, Programme, Stage, Target
from stufenweg.programmes.reason_codes import seed_defaults


def create_master_data(ctx: DemoContext) -> None:
    for code, name in REGIONS:
        ctx.regions[code] = Region.objects.create(code=code, name=name)
    for code, name, kind, region in ORGANISATIONS:
        ctx.organisations[code] = Organisation.objects.create(
            code=code, name=name, kind=kind, region=ctx.regions.get(region)
        )
    for code, name, region in EMPLOYERS:
        ctx.organisations[code] = Organisation.objects.create(
            code=code, name=name, kind=Organisation.Kind.EMPLOYER, region=ctx.regions[region]
        )
    _employer_details(ctx)
    for definition in PROGRAMMES:
        _programme(ctx, definition)
    _staff(ctx)
    ctx.say(
        f"Stammdaten: {len(ctx.regions)} Regionen, {len(ctx.organisations)} Organisationen, "
        f"{len(ctx.programmes)} Programme, {len(ctx.measures)} Maßnahmen, {len(ctx.users)} Konten"
    )


def _employer_details(ctx: DemoContext) -> None:
    """Sector, address and contact person of every demo employer (the contact encrypted)."""
    profiles = []
    for code, _name, _region in EMPLOYERS:
        sector, street, postcode, town, contact, phone, email = EMPLOYER_DETAILS[code]
        profiles.append(
            EmployerProfile(
                organisation=ctx.organisations[code],
                sector=sector,
                street=street,
                postcode=postcode,
                town=town,
                contact_name=contact,
                contact_phone=phone,
                contact_email=email,
            )
        )
    EmployerProfile.objects.bulk_create(profiles)


def _programme(ctx: DemoContext, definition: dict) -> None:
    programme = Programme.objects.create(
        code=definition["code"],
        name=definition["name"],
        description=definition.get("description", ""),
        ltu_rule=definition.get("ltu_rule", Programme.LtuRule.TWELVE_MONTHS),
        follow_up_months=definition.get("follow_up_months", 6),
        **({"in_work_kinds": definition["in_work_kinds"]} if "in_work_kinds" in definition else {}),
    )
    seed_defaults([programme.pk])  # the default lists of reasons, as for a programme created in the web
    for valid_from, ratio in definition.get("caseload_ratios", ()):
        CaseloadRatio.objects.create(programme=programme, valid_from=valid_from, ratio=ratio)
    code = programme.code
    ctx.programmes[code] = programme
    for position, stage in enumerate(definition["stages"], start=1):
        ctx.stages[(code, stage["code"])] = Stage.objects.create(
            programme=programme,
            code=stage["code"],
            name=stage["name"],
            position=position,
            max_months=stage.get("max_months"),
            min_age=stage.get("min_age"),
            max_age=stage.get("max_age"),
            min_unemployed_months=stage.get("min_unemployed_months"),
            extendable=stage.get("extendable", True),
        )
    for stage in definition["stages"]:
        if stage.get("next"):
            ctx.stages[(code, stage["code"])].next_stages.set(
                [ctx.stages[(code, target)] for target in stage["next"]]
            )
    for item in definition["measures"]:
        measure = Measure.objects.create(
            code=item["code"],
            name=item["name"],
            programme=programme,
            provider=ctx.organisations[item["provider"]],
            region=ctx.regions[item["region"]],
            operation=item.get("operation", ""),
            location=item.get("location", ""),
            places=max(4, math.ceil(item["places"] * ctx.scale)),
            start=item["start"],
            end=item.get("end"),
            rolling_entry=item.get("rolling_entry", True),
            allow_overbooking=item.get("allow_overbooking", False),
        )
        measure.stages.set([ctx.stages[(code, s)] for s in item["stages"]])
        MeasureStart.objects.bulk_create(
            [MeasureStart(measure=measure, on=day) for day in item.get("starts", ()) if day > measure.start]
        )
        ctx.measures[measure.code] = measure
    start, end = definition["period"]
    Target.objects.bulk_create(
        [
            Target(
                programme=programme,
                indicator=target["indicator"],
                period_from=target.get("from", start),
                period_to=target.get("to", end),
                region=ctx.regions.get(target.get("region")),
                stage=ctx.stages.get((code, target.get("stage"))),
                target=Decimal(str(target["target"]))
                if target.get("rate")
                else Decimal(max(1, round(target["target"] * ctx.scale))),
            )
            for target in definition.get("targets", [])
        ]
    )


def _staff(ctx: DemoContext) -> None:
    """Personas first, then further staff per organisation; one password hash for all (fast)."""
    password = make_password(DEMO_PASSWORD)
    rng = ctx.rng_for("staff")
    used: set[str] = set()

    def add(username, first, last, org_code, role):
        user = User.objects.create(
            username=username, first_name=first, last_name=last, password=password, email=""
        )
        Membership.objects.create(user=user, organisation=ctx.organisations[org_code], role=role)
        ctx.users[username] = user
        used.add(username)
        if role == Membership.Role.CASEWORKER:
            ctx.staff.setdefault(org_code, []).append(username)
        return user

    for persona, username, first, last, org_code, role, sees in PERSONAS:
        add(username, first, last, org_code, role)
        ctx.personas.append(
            {
                "persona": persona,
                "username": username,
                "organisation": ctx.organisations[org_code].name,
                "kind": ctx.organisations[org_code].kind,
                "role": role,
                "sees": sees,
            }
        )
    for code, _name, kind, _region in ORGANISATIONS:
        wanted = STAFF_OVERRIDES.get(code, STAFF_PER_KIND.get(kind, 0))
        while len(ctx.staff.get(code, [])) < wanted:
            first = rng.choice(GERMAN_FEMALE if rng.random() < 0.6 else GERMAN_MALE)
            last = rng.choice(GERMAN_LAST)
            base = f"{_ascii(first)[0]}.{_ascii(last)}.{code.lower()}"
            username, n = base, 2
            while username in used:
                username, n = f"{base}{n}", n + 1
            add(username, first, last, code, Membership.Role.CASEWORKER)


_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "é": "e"}
)


def _ascii(text: str) -> str:
    return "".join(ch for ch in text.translate(_ASCII).lower() if ch.isalnum() or ch == "-")
