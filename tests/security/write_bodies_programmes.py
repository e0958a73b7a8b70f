"""Valid bodies for the programme administration's writes (``test_write_authority``): each is
valid for the coordination office's writing members, so that a refusal for anyone else is about
authority, not about a broken form."""

from __future__ import annotations

from django.urls import reverse

from stufenweg.programmes.models import CaseloadRatio, ReasonCode


def _programme_data(programme, **changes) -> dict:
    data = {
        "code": programme.code,
        "name": programme.name,
        "description": programme.description,
        "ltu_rule": programme.ltu_rule,
        "in_work_kinds": list(programme.in_work_kinds),
        "in_work_statuses": list(programme.in_work_statuses),
        "upon_leaving_days": programme.upon_leaving_days,
        "follow_up_months": programme.follow_up_months,
        "max_months": programme.max_months or "",
        "reactivation_after_referral": "on",
        "active": "on",
    }
    return {**data, **changes}


def programme_new(ww, which, persona):
    data = _programme_data(ww.world.programme, code="NEU", name="Neues Programm")
    return reverse("programmes:programme_create"), data


def programme_edit(ww, which, persona):
    programme = ww.world.programme
    return reverse("programmes:programme_edit", args=[programme.pk]), _programme_data(
        programme, follow_up_months=12
    )


def stage_new(ww, which, persona):
    programme = ww.world.programme
    data = {"code": "S9", "name": "Stufe 9", "position": 9, "min_age": 18, "max_age": 64, "extendable": "on"}
    return reverse("programmes:stage_create", args=[programme.pk]), data


def stage_edit(ww, which, persona):
    stage = ww.world.s3
    data = {"code": stage.code, "name": stage.name, "position": stage.position, "max_months": 6}
    return reverse("programmes:stage_edit", args=[stage.pk]), {**data, "next_stages": [ww.world.s4.pk]}


def stage_move(ww, which, persona):
    return reverse("programmes:stage_move", args=[ww.world.s3.pk]), {"richtung": "runter"}


def ratio_new(ww, which, persona):
    programme = ww.world.programme
    return reverse("programmes:ratio_create", args=[programme.pk]), {"valid_from": "2025-01-01", "ratio": 65}


def reason_new(ww, which, persona):
    return reverse("programmes:reason_create", args=[ww.world.programme.pk]), {
        "purpose": "exit",
        "code": "umzug",
        "label": "Umzug",
        "position": 10,
        "active": "on",
    }


def _reason(ww, code: str) -> ReasonCode:
    return ReasonCode.objects.get(programme=ww.world.programme, code=code, purpose="exit")  # write_world's


def reason_edit(ww, which, persona):
    return reverse("programmes:reason_edit", args=[_reason(ww, "arbeit").pk]), {
        "label": "Arbeitsaufnahme",
        "position": 1,
        "active": "on",
    }


def reason_delete(ww, which, persona):
    return reverse("programmes:reason_delete", args=[_reason(ww, "elternzeit").pk]), {}


def ratio_edit(ww, which, persona):
    ratio = CaseloadRatio.objects.filter(programme=ww.world.programme).earliest("valid_from")  # write_world's
    return reverse("programmes:ratio_edit", args=[ratio.pk]), {
        "valid_from": ratio.valid_from.isoformat(),
        "ratio": 55,
    }
