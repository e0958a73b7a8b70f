"""Every URL pattern of the project, with a way to fill its parameters (for data-driven tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SKIP_NAMESPACES = {"djdt"}
REGEX_PARAM = re.compile(r"\(\?P<(\w+)>[^)]*\)")
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" or the route text when unnamed
    route: str  # "teilnehmende/<int:pk>/"
    params: tuple[tuple[str, str], ...]  # (name, converter)

    def __str__(self) -> str:
        return self.name


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if ns in SKIP_NAMESPACES:
                continue
            yield from _walk(pattern.url_patterns, prefix + text, full_ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + text
            if "format" in route or "\\" in route:
                continue  # DRF format-suffix variants are covered by their plain counterpart
            route = REGEX_PARAM.sub(lambda m: f"<{m.group(1)}>", route.replace("^", "").replace("$", ""))
            name = f"{namespace}:{pattern.name}" if pattern.name and namespace else (pattern.name or route)
            params = tuple((m.group("name"), m.group("conv") or "str") for m in PARAM.finditer(route))
            yield Route(name=name, route=route, params=params)


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns):
        seen.setdefault(route.route, route)
    return sorted(seen.values(), key=lambda r: r.route)


def fill(route: Route, values: dict[str, object] | None = None, default_int: object = 1) -> str:
    values = values or {}

    def replace(match: re.Match) -> str:
        name, conv = match.group("name"), match.group("conv") or "str"
        if name in values:
            return str(values[name])
        if conv == "int" or name in ("pk", "id"):
            return str(default_int)
        return "x"

    return "/" + PARAM.sub(replace, route.route)


def sample_path(route: Route, world=None) -> str:
    return fill(route)
