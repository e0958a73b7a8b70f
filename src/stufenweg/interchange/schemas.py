"""The files and columns of the exchange format (docs: /work/shared/spec/EXCHANGE_FORMAT.md).

Each column has a kind that says how a cell is parsed (``parsers.parse_cell``). The column
order here is the order of the export; on import the order is free. A column marked
``required`` must be in the header and must not be empty; the other columns may be left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from stufenweg.costs.models import CostCategory
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent
from stufenweg.groupwork.models import EventKind as GroupEventKind
from stufenweg.journeys import spec
from stufenweg.journeys.codes import EventKind
from stufenweg.mentoring.models import MAX_MONTHS, MIN_MONTHS, EntryKind
from stufenweg.organisations.codes import ContactKind, ContactTopic, VacancyStatus
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import Person
from stufenweg.support.codes import BarrierKind, ProfileCategory, ServiceKind

STR = "str"
CODE = "code"  # one value of a fixed list
REF = "ref"  # a code of another row (organisation, region, measure …), resolved later
DATE = "date"
DATETIME = "datetime"
MONTH = "month"
INT = "int"
DECIMAL = "decimal"
BOOL = "bool"  # yes/no (ja/nein)
YESNONA = "yesnona"  # yes/no/na
STATUSES = "statuses"  # codes of the exit statuses, separated by |
LIST = "list"  # codes separated by |
TIME = "time"  # HH:MM


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str = STR
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    places: int | None = None  # decimal places a DECIMAL may have


@dataclass(frozen=True, slots=True)
class FileSchema:
    name: str
    columns: tuple[Column, ...]
    required_file: bool
    key: tuple[str, ...]

    @property
    def sheet(self) -> str:
        return self.name.removesuffix(".csv")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _values(choices) -> tuple[str, ...]:
    return tuple(choices.values)


YES_NO_NA = ("yes", "no", "na")

ORGANISATIONS = FileSchema(
    "organisations.csv",
    (
        Column("code", REF, required=True, max_length=64),
        Column("name", STR, required=True, max_length=255),
        Column("kind", CODE, required=True, choices=_values(Organisation.Kind)),
        Column("region", REF, max_length=32),
    ),
    required_file=True,
    key=("code",),
)

PROGRAMMES = FileSchema(
    "programmes.csv",
    (
        Column("programme", REF, required=True, max_length=32),
        Column("programme_name", STR, required=True, max_length=255),
        Column("stage", REF, required=True, max_length=32),
        Column("stage_name", STR, required=True, max_length=255),
        Column("position", INT, required=True, min_value=1, max_value=32767),
        Column("max_months", INT, min_value=0, max_value=32767),
        Column("min_age", INT, min_value=0, max_value=150),
        Column("max_age", INT, min_value=0, max_value=150),
        Column("min_unemployed_months", INT, min_value=0, max_value=32767),
        Column("extendable", BOOL),
    ),
    required_file=True,
    key=("programme", "stage"),
)

MEASURES = FileSchema(
    "measures.csv",
    (
        Column("code", REF, required=True, max_length=64),
        Column("name", STR, required=True, max_length=255),
        Column("programme", REF, required=True, max_length=32),
        Column("stages", LIST, required=True),
        Column("provider", REF, required=True, max_length=64),
        Column("region", REF, required=True, max_length=32),
        Column("operation", STR, max_length=64),
        Column("places", INT, required=True, min_value=0, max_value=2147483647),
        Column("start", DATE, required=True),
        Column("end", DATE),
        Column("rolling_entry", BOOL),
    ),
    required_file=True,
    key=("code",),
)

PERSONS = FileSchema(
    "persons.csv",
    (
        Column("person_id", REF, required=True, max_length=64),
        Column("first_name", STR, max_length=100),
        Column("last_name", STR, max_length=100),
        Column("birth_date", DATE, required=True),
        Column("gender", CODE, choices=_values(Person.Gender)),
        Column("nationality", STR, max_length=16),
        Column("foreign_background", YESNONA, choices=YES_NO_NA),
        Column("disability", YESNONA, choices=YES_NO_NA),
        Column("minority", YESNONA, choices=YES_NO_NA),
        Column("homeless", YESNONA, choices=YES_NO_NA),
        Column("rural", YESNONA, choices=YES_NO_NA),
        Column("isced", INT, min_value=0, max_value=8),
        Column("vocational_qualification", BOOL),
        Column("single_parent", BOOL),
        Column("household_id", REF, max_length=64),
        Column("postcode", STR, max_length=10),
        # extension of the exchange format (docs/exchange.md): optional target-group columns;
        # a file without them imports unchanged
        Column("returner", YESNONA, choices=YES_NO_NA),
        Column("long_term_benefit", YESNONA, choices=YES_NO_NA),
        Column("refugee", YESNONA, choices=YES_NO_NA),
    ),
    required_file=True,
    key=("person_id",),
)

# A journey event field's type (``journeys.spec``) -> the kind of its column.
_COLUMN_KIND = {
    spec.TEXT: STR,
    spec.CODE: CODE,
    spec.REF: REF,
    spec.DATE: DATE,
    spec.BOOL: BOOL,
    spec.DECIMAL: DECIMAL,
    spec.STATUSES: STATUSES,
    spec.LISTED: STR,  # checked against the programme's list when the events are written
}


def _event_column(f: spec.Field) -> Column:
    """The column of a journey event field, with the field's limits (``journeys.spec``)."""
    return Column(
        f.name,
        _COLUMN_KIND[f.type],
        choices=f.codes,
        max_length=f.max_length,
        min_value=f.min_value,
        max_value=f.max_value,
        places=f.places,
    )


# The common columns of every row, then the event's fields as ``journeys.spec`` declares them.
EVENTS = FileSchema(
    "events.csv",
    (
        Column("event_id", REF, required=True, max_length=64),
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("event", CODE, required=True, choices=_values(EventKind)),
        Column("date", DATE, required=True),
        Column("recorded_at", DATETIME),
        *(_event_column(f) for f in spec.FIELDS),
    ),
    required_file=True,
    key=("event_id",),
)

TARGETS = FileSchema(
    "targets.csv",
    (
        Column("programme", REF, required=True, max_length=32),
        Column("indicator", STR, required=True, max_length=64),
        Column("period_from", DATE, required=True),
        Column("period_to", DATE, required=True),
        Column("region", REF, max_length=32),
        Column("stage", REF, max_length=32),
        Column("target", DECIMAL, required=True, min_value=0, max_value=10**10 - 1, places=4),
    ),
    required_file=False,
    key=("programme", "indicator", "period_from", "period_to", "region", "stage"),
)

HOUSEHOLDS = FileSchema(
    "households.csv",
    (
        Column("household_id", REF, required=True, max_length=64),
        Column("month", MONTH, required=True),
        Column("members", INT, required=True, min_value=0, max_value=32767),
        Column("llu", DECIMAL, required=True, min_value=0, max_value=10**8 - 1, places=2),
        Column("kdu", DECIMAL, required=True, min_value=0, max_value=10**8 - 1, places=2),
    ),
    required_file=False,
    key=("household_id", "month"),
)

# Group work (optional files, ``interchange.groupwork_files``): events by their ``code``, sessions
# by event and start, bookings by event and participation (person × programme), attendance per
# session and booking.
GROUP_EVENTS = FileSchema(
    "group_events.csv",
    (
        Column("code", REF, required=True, max_length=64),
        Column("kind", CODE, required=True, choices=_values(GroupEventKind)),
        Column("title", STR, required=True, max_length=200),
        Column("organiser", REF, required=True, max_length=64),
        Column("programmes", LIST, required=True),
        Column("region", REF, max_length=32),
        Column("place", STR, required=True, max_length=200),
        Column("capacity", INT, required=True, min_value=1, max_value=100_000),
        Column("description", STR, max_length=5000),
        Column("status", CODE, choices=_values(GroupEvent.Status)),
        Column("cancel_reason", STR, max_length=300),
    ),
    required_file=False,
    key=("code",),
)

GROUP_SESSIONS = FileSchema(
    "group_sessions.csv",
    (
        Column("event", REF, required=True, max_length=64),
        Column("date", DATE, required=True),
        Column("starts_at", TIME, required=True),
        Column("ends_at", TIME, required=True),
    ),
    required_file=False,
    key=("event", "date", "starts_at"),
)

GROUP_BOOKINGS = FileSchema(
    "group_bookings.csv",
    (
        Column("event", REF, required=True, max_length=64),
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("status", CODE, required=True, choices=_values(Booking.Status)),
        Column("waiting_position", INT, min_value=1, max_value=100_000),
        Column("booked_at", DATETIME),
        Column("cancelled_at", DATETIME),
    ),
    required_file=False,
    key=("event", "person_id", "programme"),
)

GROUP_ATTENDANCE = FileSchema(
    "group_attendance.csv",
    (
        Column("event", REF, required=True, max_length=64),
        Column("date", DATE, required=True),
        Column("starts_at", TIME, required=True),
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("status", CODE, required=True, choices=_values(Attendance.Status)),
        Column("recorded_at", DATETIME),
    ),
    required_file=False,
    key=("event", "date", "starts_at", "person_id", "programme"),
)

GROUP_SCHEMAS = (GROUP_EVENTS, GROUP_SESSIONS, GROUP_BOOKINGS, GROUP_ATTENDANCE)

# Support services (optional files, ``interchange.support_files``): referrals, barriers, phase
# changes of the support plan and profile categories, each by participation (person × programme)
# and day.
SERVICES = FileSchema(
    "services.csv",
    (
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("kind", CODE, required=True, choices=_values(ServiceKind)),
        Column("provider", STR, max_length=160),
        Column("planned_on", DATE, required=True),
        Column("referred_on", DATE),
        Column("started_on", DATE),
        Column("ended_on", DATE),
        Column("declined_on", DATE),
    ),
    required_file=False,
    key=("person_id", "programme", "kind", "planned_on"),
)

BARRIERS = FileSchema(
    "barriers.csv",
    (
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("kind", CODE, required=True, choices=_values(BarrierKind)),
        Column("present", BOOL, required=True),
        Column("assessed_on", DATE, required=True),
    ),
    required_file=False,
    key=("person_id", "programme", "kind", "assessed_on"),
)

SUPPORT_PHASES = FileSchema(
    "support_phases.csv",
    (
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("on", DATE, required=True),
        Column("phase", INT, required=True, min_value=1, max_value=32767),
        Column("phase_name", STR, max_length=80),
    ),
    required_file=False,
    key=("person_id", "programme", "on", "phase"),
)

PROFILE_RATINGS = FileSchema(
    "profile_ratings.csv",
    (
        Column("person_id", REF, required=True, max_length=64),
        Column("programme", REF, required=True, max_length=32),
        Column("category", CODE, required=True, choices=_values(ProfileCategory)),
        Column("assessed_on", DATE, required=True),
    ),
    required_file=False,
    key=("person_id", "programme", "assessed_on", "category"),
)

SUPPORT_SCHEMAS = (SERVICES, BARRIERS, SUPPORT_PHASES, PROFILE_RATINGS)

# Employers (optional files, ``interchange.employer_files``): the contact history and the
# vacancies, each by the source's ``code`` (one recorded here is exported as ``AK-<id>`` /
# ``ST-<id>``). Notes are not exchanged.
EMPLOYER_CONTACTS = FileSchema(
    "employer_contacts.csv",
    (
        Column("code", REF, required=True, max_length=64),
        Column("employer", REF, required=True, max_length=64),
        Column("organisation", REF, required=True, max_length=64),
        Column("date", DATE, required=True),
        Column("kind", CODE, required=True, choices=_values(ContactKind)),
        Column("topic", CODE, required=True, choices=_values(ContactTopic)),
        Column("programme", REF, max_length=32),
        Column("person_id", REF, max_length=64),
    ),
    required_file=False,
    key=("code",),
)

VACANCIES = FileSchema(
    "vacancies.csv",
    (
        Column("code", REF, required=True, max_length=64),
        Column("employer", REF, required=True, max_length=64),
        Column("organisation", REF, required=True, max_length=64),
        Column("title", STR, required=True, max_length=200),
        Column("occupation", STR, required=True, max_length=5),
        Column("hours", DECIMAL, min_value=1, max_value=60, places=1),
        Column("starts_on", DATE),
        Column("places", INT, min_value=1, max_value=32767),
        Column("status", CODE, choices=_values(VacancyStatus)),
        Column("published_on", DATE, required=True),
        Column("closed_on", DATE),
    ),
    required_file=False,
    key=("code",),
)

EMPLOYER_SCHEMAS = (EMPLOYER_CONTACTS, VACANCIES)

# Mentoring (optional files, ``interchange.mentoring_files``): a mentorship by participation
# (person × programme), mentoring project, mentor (user name) and start; the log's entries by their
# mentorship, day, kind and topic (the same entry may occur more than once). Notes are not exchanged.
MENTORSHIP_COLUMNS = (
    Column("person_id", REF, required=True, max_length=64),
    Column("programme", REF, required=True, max_length=32),
    Column("organisation", REF, required=True, max_length=64),
    Column("mentor", REF, required=True, max_length=150),
)
MENTORSHIPS = FileSchema(
    "mentorships.csv",
    (*MENTORSHIP_COLUMNS, Column("started_on", DATE, required=True), Column("ended_on", DATE)),
    required_file=False,
    key=("person_id", "programme", "organisation", "mentor", "started_on"),
)
MENTORING_LOG = FileSchema(
    "mentoring_log.csv",
    (
        *MENTORSHIP_COLUMNS,
        Column("mentorship_start", DATE, required=True),
        Column("date", DATE, required=True),
        Column("kind", CODE, required=True, choices=_values(EntryKind)),
        Column("topic", STR, required=True, max_length=200),
        Column("employer_contact", REF, max_length=64),
    ),
    required_file=False,
    key=("person_id", "programme", "organisation", "mentor", "mentorship_start", "date", "kind", "topic"),
)

# After-placement support (``interchange.aftercare_files``): by its mentorship and its placement
# (the ``event_id`` of an employment_start in events.csv).
AFTERCARE = FileSchema(
    "after_placement_support.csv",
    (
        *MENTORSHIP_COLUMNS,
        Column("mentorship_start", DATE, required=True),
        Column("placement", REF, required=True, max_length=64),
        Column("started_on", DATE, required=True),
        Column("months", INT, required=True, min_value=MIN_MONTHS, max_value=MAX_MONTHS),
        Column("until", DATE),
    ),
    required_file=False,
    key=("placement",),
)

MENTORING_SCHEMAS = (MENTORSHIPS, MENTORING_LOG)

# Programme costs (optional file, ``interchange.cost_files``): cost entries per programme and
# bearer (an organisation or a region), category and validity. No personal data.
PROGRAMME_COSTS = FileSchema(
    "programme_costs.csv",
    (
        Column("programme", REF, required=True, max_length=32),
        Column("organisation", REF, max_length=64),
        Column("region", REF, max_length=32),
        Column("category", CODE, required=True, choices=_values(CostCategory)),
        Column("monthly_amount", DECIMAL, required=True, min_value=0, max_value=9999999999, places=2),
        Column("valid_from", DATE, required=True),
        Column("valid_to", DATE),
        Column("note", STR, max_length=200),
    ),
    required_file=False,
    key=("programme", "organisation", "region", "category", "valid_from"),
)

# In the order of import (each file only refers to the ones before it).
SCHEMAS: tuple[FileSchema, ...] = (
    ORGANISATIONS,
    PROGRAMMES,
    MEASURES,
    PERSONS,
    HOUSEHOLDS,
    TARGETS,
    EVENTS,
    *GROUP_SCHEMAS,
    *SUPPORT_SCHEMAS,
    *EMPLOYER_SCHEMAS,
    *MENTORING_SCHEMAS,
    AFTERCARE,
    PROGRAMME_COSTS,
)
BY_NAME = {s.name: s for s in SCHEMAS}
BY_SHEET = {s.sheet: s for s in SCHEMAS}

# Model field (as named by the journey rules) -> events.csv column.
EVENT_FIELD_COLUMNS = {
    "occurred_on": "date",
    "kind": "event",
    "event_id": "event_id",
    **{name: f.name for f in spec.FIELDS if f.type == spec.REF for name in (f.name, f.attname)},
}


def event_column(field: str | None) -> str:
    if not field:
        return "event"
    return EVENT_FIELD_COLUMNS.get(field, field if field in EVENTS.names else "event")
