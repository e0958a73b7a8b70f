"""Person pages: correct a person's details; attach, download and delete documents.

Visibility as on the participant page (``persons_visible_to``: outside it 404); writing needs a
writing membership in an organisation that sees one of the person's participations
(``people.services.require_person_writer``: 403 with the reason). Reads are audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.casework.views.common import form_response
from stufenweg.core.audit import audit_read
from stufenweg.people import documents, services
from stufenweg.people.forms import ConfirmForm, DocumentForm, PersonDetailsForm
from stufenweg.people.models import Document, Person
from stufenweg.people.selectors import documents_visible_to, may_write_person, persons_visible_to

PURPOSE = "Fallbearbeitung"


def _person(request: HttpRequest, pk: int) -> Person:
    try:
        return persons_visible_to(request.user).select_related("household").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def _writable_person(request: HttpRequest, pk: int) -> Person:
    person = _person(request, pk)  # 404 outside the read scope, checked first
    if not may_write_person(request.user, person):
        raise PermissionDenied(_("Sie können die Angaben dieser Person nicht ändern."))
    return person


def page_url(person: Person) -> str:
    return reverse("casework:participant_detail", args=[person.pk])


def _document(request: HttpRequest, pk: int) -> Document:
    try:
        return documents_visible_to(request.user).select_related("person").get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    form = PersonDetailsForm(request.POST or None, person=person)

    def save():
        changed = services.person_update(person=person, by=request.user, **form.cleaned_data)
        if not changed:
            messages.info(request, _("Es wurde nichts geändert."))

    audit_read(actor=request.user, person=person, purpose=PURPOSE, summary="Angaben bearbeiten")
    return form_response(
        request,
        form=form,
        title=_("Angaben bearbeiten: %(name)s") % {"name": f"{person.last_name}, {person.first_name}"},
        action_url=reverse("people:person_edit", args=[person.pk]),
        back_url=page_url(person),
        on_valid=save,
        success_message=_("Die Angaben zur Person wurden gespeichert."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            documents.check_size(upload.size)  # before reading it into memory
            data = upload.read()
            services.document_add(
                person=person,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                name=upload.name,
                data=data,
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Das Dokument wurde gespeichert."))
            return HttpResponseRedirect(page_url(person) + "#h-documents")
    audit_read(actor=request.user, person=person, purpose=PURPOSE, summary="Dokument hinzufügen")
    return render(
        request,
        "people/document_form.html",
        {"person": person, "form": form, "back_url": page_url(person)},
    )


@login_required
@require_safe
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    data = documents.read_decrypted(document.storage_name)
    audit_read(
        actor=request.user,
        person=document.person,
        purpose=PURPOSE,
        object_type="people.document",
        summary=f"Dokument {document.pk} heruntergeladen",
    )
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    person = document.person
    if not may_write_person(request.user, person):
        raise PermissionDenied(_("Sie können die Dokumente dieser Person nicht löschen."))
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.document_delete(document=document, by=request.user)
        messages.success(request, _("Das Dokument wurde gelöscht."))
        return HttpResponseRedirect(page_url(person) + "#h-documents")
    audit_read(
        actor=request.user,
        person=person,
        purpose=PURPOSE,
        object_type="people.document",
        summary=f"Dokument {document.pk} löschen",
    )
    return render(
        request,
        "people/document_delete.html",
        {"person": person, "document": document, "form": form, "back_url": page_url(person)},
    )
