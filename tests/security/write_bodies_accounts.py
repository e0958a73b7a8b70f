"""Valid-looking bodies of the account administration's writes for the write-authority test
(``write_bodies`` style: ``body(world, which case, persona)`` → ``(path, data)``).

The accounts acted on are the regional offices' caseworkers of ``write_world`` (``kollege_a``) and
the ``mixed`` persona (two memberships, so that one can be removed). The world has no inactive
account, no second factor and no open reset request: reactivation, the reset request, its
confirmation and its withdrawal are answered (not refused) without writing for the coordinator
(``writes=False``); their writing paths are tested in ``tests/accounts/admin``.
"""

from __future__ import annotations

from django.urls import reverse

from tests.security.write_rules import Body


def _account(ww):
    return ww.caseworkers["visible"]


def account_new(ww, which, persona):
    w = ww.world
    return reverse("account_admin:create"), {
        "username": f"neu.{persona}",
        "first_name": "Nora",
        "last_name": "Neumann",
        "email": "",
        "organisation": w.regional_a.pk,
        "role": "caseworker",
    }


def account_edit(ww, which, persona):
    return reverse("account_admin:edit", args=[_account(ww).pk]), {
        "first_name": "Konrad",
        "last_name": "Kollege",
        "email": "k.kollege@example.org",
    }


def membership_new(ww, which, persona):
    return reverse("account_admin:membership_add", args=[_account(ww).pk]), {
        "organisation": ww.world.provider_a.pk,
        "role": "read_only",
    }


def membership_role(ww, which, persona):
    account = _account(ww)
    return reverse("account_admin:membership_role", args=[account.pk]), {
        "membership": account.memberships.get().pk,
        "role": "read_only",
    }


def membership_remove(ww, which, persona):
    account = ww.personas["mixed"]
    membership = account.memberships.get(organisation=ww.world.regional_a)
    return reverse("account_admin:membership_remove", args=[account.pk]), {"membership": membership.pk}


def account_action(url_name: str, data: dict | None = None) -> Body:
    """A POST on the caseworker's account page (deactivate, link, reactivate, reset steps)."""
    return lambda ww, which, persona: (reverse(url_name, args=[_account(ww).pk]), dict(data or {}))


def password_link(ww, which, persona):
    """The public set-password page with a link that is not valid (nothing is written)."""
    path = reverse("accounts:password_link", args=["MQ", "ungueltig-0"])
    return path, {
        "new_password1": "Ein langer Satz aus Wörtern",
        "new_password2": "Ein langer Satz aus Wörtern",
    }
