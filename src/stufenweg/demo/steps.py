"""The demo loader's steps, in order. Each step is a function taking the ``DemoContext``.

To add demo data of your own (contacts, support plans, 2FA devices, …) write a function
``def my_step(ctx: DemoContext) -> None`` in your module and add one line to ``STEPS``. A step
finds what earlier steps made in ``ctx`` (``ctx.users``, ``ctx.persons``, ``ctx.participations``,
``ctx.measures`` …) and draws random numbers from ``ctx.rng_for("my-step")`` so that it stays
reproducible and does not shift the numbers of other steps.
"""

from __future__ import annotations

from collections.abc import Callable

from stufenweg.accounts.demo import create_demo_devices
from stufenweg.casework.demo import add_casework
from stufenweg.costs.demo import add_costs
from stufenweg.demo.activity import record_recent_activity, select_recent
from stufenweg.demo.context import DemoContext
from stufenweg.demo.master import create_master_data
from stufenweg.demo.write import assign_caseworkers, plan_journeys, write_journeys, write_persons
from stufenweg.earlywarning.demo import add_early_warning
from stufenweg.groupwork.demo import add_group_work
from stufenweg.matching.demo import add_matching
from stufenweg.mentoring.demo import add_mentoring
from stufenweg.organisations.demo import add_employer_contacts
from stufenweg.support.demo import add_support

Step = Callable[[DemoContext], None]

STEPS: list[tuple[str, Step]] = [
    ("Stammdaten (Regionen, Organisationen, Programme, Maßnahmen, Konten)", create_master_data),
    ("Personen und Verläufe planen", plan_journeys),
    ("Aktuelle Erfassungen vormerken", select_recent),
    ("Personen und Bedarfsgemeinschaften schreiben", write_persons),
    ("Verläufe schreiben (Massenpfad, gleiche Regeln wie die Oberfläche)", write_journeys),
    ("Fallverantwortung zuordnen", assign_caseworkers),
    ("Aktuelle Erfassungen über die Services", record_recent_activity),
    ("Fallarbeit (Kontakte, Förderpläne, Termine, Einschätzungen, Suchindex)", add_casework),
    ("Gruppenangebote (JOBfabrik, JOBcafé, Jobclub, Infoveranstaltung)", add_group_work),
    ("Arbeitgeber: Kontakte und Stellen", add_employer_contacts),
    ("Unterstützungsangebote, Hemmnisse, Förderphasen und Profillagen", add_support),
    ("Matching: Berufe der Maßnahmen, Berufsziele und Qualifikationen", add_matching),
    ("Mentoring: Mentorinnen und Mentoren, Protokoll, Nachbetreuung", add_mentoring),
    ("Frühwarnung: vergangene Termine, Modelle je Programm", add_early_warning),
    ("Kosten des Programms WENDE.PUNKT (Regiestelle)", add_costs),
    ("Zwei-Faktor-Geräte der Personas", create_demo_devices),
]
