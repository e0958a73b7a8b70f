"""Which write methods (POST, PUT, PATCH, DELETE) a URL pattern's view accepts, read from the view.

* DRF viewsets: the router's ``actions`` (method → action) of the route;
* class-based views (DRF ``APIView``, Django ``View``): the methods in ``http_method_names`` the
  class has a handler for;
* function views: the list given to ``require_http_methods`` (also ``require_POST``,
  ``require_GET``, ``require_safe``) anywhere in the chain of decorators (followed through
  ``__wrapped__``); a function view without it accepts every method.

``test_write_authority.py::test_the_reading_of_the_views_matches_the_server`` checks this reading
against the running server.
"""

from __future__ import annotations

from django.urls import resolve

from tests.security.urlmap import Route, fill

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def view_of(route: Route):
    return resolve(fill(route)).func


def accepted_write_methods(route: Route) -> tuple[str, ...]:
    """The write methods ``route`` accepts, in the order of ``WRITE_METHODS``."""
    accepted = _accepted(view_of(route))
    return tuple(m for m in WRITE_METHODS if accepted is None or m in accepted)


def _accepted(view) -> set[str] | None:
    """The methods ``view`` accepts, or ``None`` for every method."""
    actions = getattr(view, "actions", None)
    if actions is not None:  # a DRF viewset as routed
        return {method.upper() for method in actions}
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is not None:
        return {name.upper() for name in cls.http_method_names if hasattr(cls, name)}
    return _declared(view)


def _declared(view) -> set[str] | None:
    """The intersection of every ``require_http_methods`` list in the decorator chain of ``view``."""
    declared: set[str] | None = None
    seen: set[int] = set()
    current = view
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "__code__", None)
        cells = getattr(current, "__closure__", None) or ()
        names = code.co_freevars if code is not None else ()
        for name, cell in zip(names, cells, strict=False):
            if name == "request_method_list":
                methods = {m.upper() for m in cell.cell_contents}
                declared = methods if declared is None else declared & methods
        current = getattr(current, "__wrapped__", None)
    return declared
