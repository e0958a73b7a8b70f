"""German alphabetical order (DIN 5007-1) of staff, organisations and regions in lists and pick
lists: the rule of the person lists (``casework.search.name_sort_key`` and ``sort_key``, built on
``casework.search.fold``), so „Özdemir“ sorts before „Zander“ and „Ärztehaus …“ before „Zentrum …“
whatever the database's collation.

Persons are many, so their keys are stored and sorted in the database. Staff, organisations and
regions are few (tens to a few hundred rows), so they are sorted in Python with the same keys:

- a list: ``sorted(rows, key=staff_key)`` or ``key=name_key``;
- a form field that needs its queryset (to validate the choice): ``order_choices(field, key)``
  keeps the queryset and lists its rows in key order;
- a paginated list: ``page_in_order`` sorts the ids of all rows, then fetches one page's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator

from stufenweg.casework.search import name_sort_key, sort_key

STAFF_FIELDS = ("last_name", "first_name", "username")  # what ``staff_key`` reads
NAME_FIELDS = ("name",)  # what ``name_key`` reads


def staff_key(user) -> tuple:
    """A staff user's place: the German order of last and first name, then the username."""
    return (*name_sort_key(user.last_name, user.first_name), user.username)


# the order of organisation kinds in lists of organisations: the coordination office first, the
# organisations that work with participants, the Jobcenters, the employers (the many) last
KIND_ORDER = (
    "coordination_office",
    "regional_office",
    "mentoring_project",
    "provider",
    "jobcenter",
    "employer",
)


def organisation_key(org) -> tuple:
    """An organisation's place in a list of several kinds: its kind (``KIND_ORDER``), then
    ``name_key``."""
    kind = KIND_ORDER.index(org.kind) if org.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, *name_key(org))


def name_key(obj) -> tuple:
    """An organisation's or a region's place: the German order of its name, the stored spelling,
    then the row."""
    return (sort_key(obj.name), obj.name, obj.pk)


class _KeyOrderIterator(ModelChoiceIterator):
    """The choices of a ``ModelChoiceField`` (or ``ModelMultipleChoiceField``) in ``key`` order;
    otherwise as Django's iterator (the empty label first, one query per rendering)."""

    def __init__(self, field, key: Callable) -> None:
        super().__init__(field)
        self.key = key

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset
        if not rows._prefetch_related_lookups:
            rows = rows.iterator()
        for obj in sorted(rows, key=self.key):
            yield self.choice(obj)


def order_choices(field, key: Callable):
    """List the choices of ``field`` in ``key`` order; its queryset (the valid choices) stays,
    also when it is replaced later. Returns the field."""
    field.iterator = partial(_KeyOrderIterator, key=key)  # ModelChoiceField calls self.iterator(self)
    field.widget.choices = field.choices
    return field


def page_in_order(
    queryset: QuerySet,
    key: Callable,
    number,
    *,
    per_page: int,
    fields: tuple[str, ...],
    rows: Callable[[QuerySet], QuerySet] | None = None,
) -> Page:
    """Page ``number`` of ``queryset`` in ``key`` order: the ``fields`` ``key`` reads of every row
    (one query of a few columns), sorted in Python, then the rows of the one page, fetched through
    ``rows`` (annotations, prefetches; default: ``queryset`` itself). For small lists only."""
    ordered = sorted(
        queryset.order_by().select_related(None).prefetch_related(None).only("pk", *fields), key=key
    )
    page = Paginator([obj.pk for obj in ordered], per_page).get_page(number)
    if page.object_list:
        chosen = (rows or (lambda qs: qs))(queryset.filter(pk__in=page.object_list))
        found = {obj.pk: obj for obj in chosen}
        page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page
