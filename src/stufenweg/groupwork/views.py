"""Pages of group work: the list of upcoming events, an event with its sessions, bookings and
waiting list, the forms (event, session, booking, attendance, cancellation) and the figures.

Thin views: visibility from ``selectors`` (404 outside), authority asked as in the services (403),
the writes through ``services``; every page that names persons records the read."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from stufenweg.casework.permissions import acting_scope
from stufenweg.core.audit import audit_reads
from stufenweg.core.params import QueryParams, parse_id
from stufenweg.core.visibility import scope_of
from stufenweg.groupwork import selectors, services
from stufenweg.groupwork.authority import (
    BOOKING_KINDS,
    can_organise_somewhere,
    may_organise,
    organiser_choices,
    sees_events,
)
from stufenweg.groupwork.figures import figures_by, group_work_figures
from stufenweg.groupwork.forms import (
    BookingForm,
    CancelEventForm,
    ConfirmForm,
    EventForm,
    FiguresForm,
    SessionForm,
    attendance_form,
)
from stufenweg.groupwork.models import Booking, GroupEvent, GroupSession, Notice
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.ordering import name_key
from stufenweg.programmes.models import Programme

AUDIT_PURPOSE = "Gruppenangebot"
PICKER_LIMIT = 20  # search hits shown in the booking picker


def _event_or_404(user, pk: int) -> GroupEvent:
    try:
        return selectors.event_for(user, pk)
    except GroupEvent.DoesNotExist:
        raise Http404 from None


def _require_organiser(user, event: GroupEvent) -> None:
    if not may_organise(user, event.organiser_id):
        raise PermissionDenied


def _detail_url(event: GroupEvent) -> str:
    return reverse("groupwork:event_detail", args=[event.pk])


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _form_page(
    request,
    *,
    form,
    title: str,
    back_url: str,
    status: int,
    event=None,
    submit_label="",
    template="groupwork/form_page.html",
    extra=None,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "event": event,
        "submit_label": submit_label,
        **(extra or {}),
    }
    return render(request, template, context, status=status)


def _saved(request, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(url)


def _submitted(request, form, save) -> tuple[HttpResponse | None, int]:
    """A form page's POST: validate ``form`` and call ``save(cleaned_data)`` — the service call,
    returning the German confirmation and the URL to go on to; a ``ValidationError`` of the
    service lands on the form. Returns the redirect after success (else ``None``) and the page's
    status (422 after a refused POST, 200 on GET)."""
    if request.method != "POST":
        return None, 200
    if form.is_valid():
        try:
            message, url = save(form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return _saved(request, message, url), 200
    return None, 422


@login_required
@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not sees_events(user):
        raise PermissionDenied
    params = QueryParams(request.GET)
    organiser = params.id("veranstalter", _("Veranstalter"))
    programme = params.id("programm", _("Programm"))
    past = request.GET.get("vergangene") == "1"
    params.warn(request)
    today = timezone.localdate()
    events = selectors.upcoming_events(
        user, today=today, organiser=organiser, programme=programme, include_past=past
    )
    visible = selectors.events_visible_to(user)
    organisers = {e.organiser for e in visible.select_related("organiser")}
    context = {
        "events": events,
        "organisers": sorted(organisers, key=name_key),
        "programmes": Programme.objects.filter(group_events__in=visible.values("pk"))
        .distinct()
        .order_by("name"),
        "chosen_organiser": organiser,
        "chosen_programme": programme,
        "past": past,
        "today": today,
        "can_create": can_organise_somewhere(user),
    }
    return render(request, "groupwork/event_list.html", context)


@login_required
@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event_or_404(user, pk)
    page = selectors.event_page(user, event)
    persons = page.persons()
    if persons:
        audit_reads(actor=user, persons=persons, purpose=AUDIT_PURPOSE, summary=f"Gruppenangebot {event.pk}")
    organiser = may_organise(user, event.organiser_id)
    context = {
        "page": page,
        "event": event,
        "today": timezone.localdate(),
        "may_organise": organiser,
        "may_book": event.status == GroupEvent.Status.ACTIVE
        and acting_scope(user, BOOKING_KINDS).personal_data,
        "cancellable": {
            b.pk
            for b in (*page.booked, *page.waiting)
            if organiser or selectors.may_book_for(user, b.participation)
        },
    }
    return render(request, "groupwork/event_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisers = organiser_choices(user)
    if not organisers:
        raise PermissionDenied
    form = EventForm(request.POST or None, organisers=organisers)

    def save(data):
        event = services.group_event_create(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            organiser=data["organiser"],
            programmes=data["programmes"],
            region=data["region"],
            place=data["place"],
            capacity=data["capacity"],
            by=user,
        )
        return _("Das Gruppenangebot wurde angelegt. Bitte jetzt die Termine eintragen."), _detail_url(event)

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Gruppenangebot anlegen"),
        back_url=reverse("groupwork:event_list"),
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event_or_404(user, pk)
    _require_organiser(user, event)
    initial = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "programmes": list(event.programmes.all()),
        "region": event.region,
        "place": event.place,
        "capacity": event.capacity,
    }
    form = EventForm(request.POST or None, initial=initial, editing=True)

    def save(data):
        services.group_event_edit(
            event=event,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            programmes=data["programmes"],
            region=data["region"] or event.organiser.region,
            place=data["place"],
            capacity=data["capacity"],
            by=user,
        )
        return _("Das Gruppenangebot wurde gespeichert."), _detail_url(event)

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Gruppenangebot bearbeiten"),
        back_url=_detail_url(event),
        status=status,
        event=event,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event_or_404(user, pk)
    _require_organiser(user, event)
    form = SessionForm(request.POST or None)

    def save(data):
        services.group_session_add(
            event=event, on=data["date"], starts_at=data["starts_at"], ends_at=data["ends_at"], by=user
        )
        return _("Der Termin wurde gespeichert."), _detail_url(event)

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Termin hinzufügen"),
        back_url=_detail_url(event),
        status=status,
        event=event,
    )


def _session_or_404(user, pk: int) -> GroupSession:
    try:
        return selectors.session_for(user, pk)
    except GroupSession.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = _session_or_404(user, pk)
    event = session.event
    _require_organiser(user, event)
    initial = {"date": session.date, "starts_at": session.starts_at, "ends_at": session.ends_at}
    form = SessionForm(request.POST or None, initial=initial)

    def save(data):
        services.group_session_edit(
            session=session, on=data["date"], starts_at=data["starts_at"], ends_at=data["ends_at"], by=user
        )
        return _(
            "Der Termin wurde geändert; die Fallverantwortlichen der Gebuchten erhalten einen Hinweis."
        ), (_detail_url(event))

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Termin ändern"),
        back_url=_detail_url(event),
        status=status,
        event=event,
        extra={"session": session, "has_attendance": session.attendances.exists()},
        template="groupwork/session_form.html",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = _session_or_404(user, pk)
    event = session.event
    _require_organiser(user, event)
    form = ConfirmForm(request.POST if request.method == "POST" else None)

    def save(data):
        services.group_session_remove(session=session, by=user)
        return _(
            "Der Termin wurde entfernt; die Fallverantwortlichen der Gebuchten erhalten einen Hinweis."
        ), (_detail_url(event))

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Termin entfernen"),
        back_url=_detail_url(event),
        status=status,
        event=event,
        submit_label=_("Entfernen"),
        extra={"session": session, "has_attendance": session.attendances.exists()},
        template="groupwork/session_remove.html",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event_or_404(user, pk)
    _require_organiser(user, event)
    form = CancelEventForm(request.POST or None)

    def save(data):
        notices = services.group_event_cancel(event=event, reason=data["reason"], by=user)
        message = _(
            "Das Gruppenangebot wurde abgesagt; %(count)s Fallverantwortliche erhalten einen Hinweis."
        )
        return message % {"count": len(notices)}, _detail_url(event)

    done, status = _submitted(request, form, save)
    if done:
        return done
    return _form_page(
        request,
        form=form,
        title=_("Gruppenangebot absagen"),
        back_url=_detail_url(event),
        status=status,
        event=event,
        submit_label=_("Absagen"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def booking_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a person: a search (name or person ID, htmx while typing, a plain GET without
    script) lists the bookable participations found as radio buttons; the POST books the one
    chosen. Only the persons shown are read-audited."""
    user = request.user
    event = _event_or_404(user, pk)
    if not acting_scope(user, BOOKING_KINDS).personal_data:
        raise PermissionDenied
    choices = selectors.bookable_participations(user, event)
    form = BookingForm(request.POST or None, choices=choices)
    if request.method == "POST":
        _refuse_foreign_participation(user, request.POST.get("participation"), choices)

    def save(data):
        booking = services.booking_create(event=event, participation=data["participation"], by=user)
        if booking.status == Booking.Status.WAITING:
            message = _(
                "Das Angebot ist ausgebucht; die Person steht auf Platz %(position)s der Warteliste."
            ) % {"position": booking.waiting_position}
        else:
            message = _("Die Person wurde gebucht.")
        return message, reverse("groupwork:booking_create", args=[event.pk])

    done, status = _submitted(request, form, save)
    if done:
        return done
    raw = (request.POST if request.method == "POST" else request.GET).get("q", "")[:100]
    query = "".join(ch for ch in raw if ch.isprintable()).strip()  # no NUL or control characters
    results, capped = selectors.search_bookable(choices, query, limit=PICKER_LIMIT)
    if results:
        audit_reads(
            actor=user, persons=[p.person for p in results], purpose=AUDIT_PURPOSE, summary="Buchungsauswahl"
        )
    picker = {
        "query": query,
        "results": results,
        "capped": capped,
        "too_short": bool(query) and not selectors.searchable(query),
        "chosen": request.POST.get("participation", ""),
        "picker_url": reverse("groupwork:booking_create", args=[event.pk]),
    }
    if getattr(request, "htmx", False) and request.method != "POST":
        return render(request, "groupwork/partials/booking_results.html", {"form": form, **picker})
    return _form_page(
        request,
        form=form,
        title=_("Person buchen"),
        back_url=_detail_url(event),
        status=status,
        event=event,
        submit_label=_("Buchen"),
        extra={"free": selectors.event_page(user, event).free, **picker},
        template="groupwork/booking_form.html",
    )


def _refuse_foreign_participation(user, raw, choices) -> None:
    """A posted participation the user may not book is refused before the form is shown again
    (which would list persons): 404 when the user does not see it, 403 when it is seen but not
    bookable by the user. An empty or malformed value is left to the form's error."""
    pk = parse_id(raw)
    if pk is None or choices.filter(pk=pk).exists():
        return
    if participations_visible_to(user).filter(pk=pk).exists():
        if not selectors.may_book_for(user, Participation.objects.get(pk=pk)):
            raise PermissionDenied
        return  # visible and bookable, but not offered (booked already, ended, other programme)
    raise Http404


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        booking = selectors.booking_for(user, pk)
    except Booking.DoesNotExist:
        raise Http404 from None
    url = _detail_url(booking.event)
    try:
        services.booking_cancel(booking=booking, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(url)
    return _saved(request, _("Die Buchung wurde storniert; ein freier Platz geht an die Warteliste."), url)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = _session_or_404(user, pk)
    event = session.event
    _require_organiser(user, event)
    rows = selectors.attendance_rows(session)
    form_class = attendance_form(rows)
    initial = {f"b{b.pk}": status for b, status in rows}
    form = form_class(request.POST or None, initial=initial)

    def save(data):
        statuses = {int(name[1:]): value for name, value in data.items() if value}
        services.attendance_record(session=session, statuses=statuses, by=user)
        return _("Die Anwesenheit wurde gespeichert."), _detail_url(event)

    done, status = _submitted(request, form, save)
    if done:
        return done
    if rows:
        audit_reads(
            actor=user,
            persons=[b.participation.person for b, _s in rows],
            purpose=AUDIT_PURPOSE,
            summary="Anwesenheit",
        )
    title = _("Anwesenheit am %(date)s") % {"date": session.date.strftime("%d.%m.%Y")}
    return _form_page(
        request,
        form=form,
        title=title,
        back_url=_detail_url(event),
        status=status,
        event=event,
        extra={"session": session, "future": session.date > timezone.localdate()},
        template="groupwork/attendance_form.html",
    )


@login_required
@require_POST
def notice_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notice = Notice.objects.get(pk=pk, recipient=request.user)
    except Notice.DoesNotExist:
        raise Http404 from None
    services.notice_dismiss(notice=notice, by=request.user)
    return _saved(request, _("Der Hinweis wurde als gelesen markiert."), reverse("web:home"))


@login_required
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    if not (sees_events(user) or scope.statistics):
        raise PermissionDenied
    today = timezone.localdate()
    defaults = {"date_from": dt.date(today.year, 1, 1), "date_to": dt.date(today.year, 12, 31)}
    form = FiguresForm(request.GET if request.GET else None, initial=defaults)
    period = defaults
    if form.is_bound:
        period = form.cleaned_data if form.is_valid() else defaults
    events = GroupEvent.objects.all() if scope.statistics else selectors.events_visible_to(user)
    span = {"date_from": period["date_from"], "date_to": period["date_to"], "as_of": today}
    rows, total = group_work_figures(events, **span)
    if not form.is_bound:
        form = FiguresForm(initial=defaults)
    context = {
        "form": form,
        "rows": rows,
        "total": total,
        "by_programme": figures_by(events, ("programme",), **span),
        "by_region": figures_by(events, ("region",), **span),
        "period": period,
        "today": today,
    }
    return render(request, "groupwork/figures.html", context)
