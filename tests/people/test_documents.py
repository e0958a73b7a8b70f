"""Documents: type by content and size checked, stored encrypted, download scoped and audited,
delete audited, in the Art. 15 export, removed by the Art. 17 anonymisation."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stufenweg.core.fields import cipher
from stufenweg.core.models import AuditEntry
from stufenweg.people import documents
from stufenweg.people.models import Document
from stufenweg.people.services import document_add
from tests.people.conftest import JPEG, PDF, PNG, docx_bytes, odt_bytes


def upload(client, person, name, data, kind="cv", **extra):
    return client.post(
        reverse("people:document_add", args=[person.pk]),
        {
            "kind": kind,
            "title": "",
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
            **extra,
        },
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Lebenslauf Anna.pdf", PDF, "application/pdf"),
        ("zeugnis.png", PNG, "image/png"),
        ("foto.JPG", JPEG, "image/jpeg"),
        ("vereinbarung.docx", docx_bytes(), documents.DOCX.content_type),
        ("vereinbarung.odt", odt_bytes(), documents.ODT.content_type),
    ],
)
def test_allowed_types_are_stored_with_the_type_found_in_the_content(
    client, world, participation, name, data, content_type
):
    client.force_login(world.personas["provider"])
    response = upload(client, participation.person, name, data)
    assert response.status_code == 302
    document = Document.objects.get(person=participation.person)
    assert document.content_type == content_type
    assert document.size == len(data)
    assert documents.read_decrypted(document.storage_name) == data


def test_the_stored_file_is_encrypted_and_not_named_after_the_upload(client, world, participation):
    client.force_login(world.personas["provider"])
    upload(client, participation.person, "Lebenslauf Anna.pdf", PDF)
    document = Document.objects.get(person=participation.person)
    path = documents.path_of(document.storage_name)
    raw = path.read_bytes()
    assert b"%PDF" not in raw and b"Catalog" not in raw
    assert cipher().decrypt(raw) == PDF
    assert "Lebenslauf" not in path.name
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("programm.pdf", b"MZ\x90\x00 not a pdf", "Dieser Dateityp wird nicht angenommen"),
        ("seite.html", b"<html><script>alert(1)</script></html>", "Dieser Dateityp wird nicht angenommen"),
        ("bild.pdf", PNG, "Inhalt und Dateiendung passen nicht zusammen"),
        ("archiv.docx", b"PK\x03\x04 broken zip", "Dieser Dateityp wird nicht angenommen"),
    ],
)
def test_other_types_are_refused_next_to_the_file_field(client, world, participation, name, data, message):
    client.force_login(world.personas["provider"])
    response = upload(client, participation.person, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_file_error"' in html and message in html
    assert not Document.objects.exists()
    assert not list(documents.document_dir().glob("*"))  # nothing left on disk


def test_an_oversize_file_is_refused(client, world, participation, settings):
    settings.STUFENWEG_DOCUMENT_MAX_BYTES = 1024
    client.force_login(world.personas["provider"])
    response = upload(client, participation.person, "gross.pdf", PDF + b"0" * 2000)
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not Document.objects.exists()


def test_a_missing_kind_is_an_error_not_a_default(client, world, participation):
    client.force_login(world.personas["provider"])
    response = upload(client, participation.person, "cv.pdf", PDF, kind="")
    assert "Bitte wählen Sie die Art des Dokuments aus." in response.content.decode()
    assert not Document.objects.exists()


def test_the_page_lists_documents_and_the_download_is_an_audited_attachment(client, world, participation):
    document = document_add(
        person=participation.person, kind="certificate", name='Zeugnis "2024".pdf', data=PDF, by=None
    )
    client.force_login(world.personas["regional"])
    page = client.get(reverse("casework:participant_detail", args=[participation.person_id])).content.decode()
    assert reverse("people:document_download", args=[document.pk]) in page
    assert "Zeugnis oder Zertifikat" in page
    before = AuditEntry.objects.filter(object_type="people.document", action=AuditEntry.Action.READ).count()
    response = client.get(reverse("people:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert '"2024"' not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    reads = AuditEntry.objects.filter(object_type="people.document", action=AuditEntry.Action.READ)
    assert reads.count() == before + 1
    assert reads.latest("id").person_id == participation.person_id


def test_the_download_is_a_404_outside_the_scope(client, world, participation, provider_b_user):
    document = document_add(person=participation.person, kind="cv", name="cv.pdf", data=PDF, by=None)
    client.force_login(provider_b_user)
    assert client.get(reverse("people:document_download", args=[document.pk])).status_code == 404
    client.force_login(world.personas["outsider"])
    assert client.get(reverse("people:document_download", args=[document.pk])).status_code == 404


def test_a_reader_may_download_but_not_upload_or_delete(client, world, participation, read_only):
    document = document_add(person=participation.person, kind="cv", name="cv.pdf", data=PDF, by=None)
    client.force_login(read_only)
    assert client.get(reverse("people:document_download", args=[document.pk])).status_code == 200
    assert upload(client, participation.person, "cv.pdf", PDF).status_code == 403
    assert client.post(reverse("people:document_delete", args=[document.pk])).status_code == 403
    assert Document.objects.count() == 1


def test_the_writer_deletes_a_document_with_its_file(
    client, world, participation, django_capture_on_commit_callbacks
):
    document = document_add(person=participation.person, kind="cv", name="cv.pdf", data=PDF, by=None)
    path = documents.path_of(document.storage_name)
    client.force_login(world.personas["provider"])
    confirm = client.get(reverse("people:document_delete", args=[document.pk]))
    assert "endgültig gelöscht" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert not Document.objects.exists()
    entry = AuditEntry.objects.filter(object_type="people.document", action=AuditEntry.Action.UPDATE).latest(
        "id"
    )
    assert "gelöscht" in entry.summary and "cv.pdf" not in entry.summary
    assert entry.actor_id == world.personas["provider"].pk
    assert not path.exists()


def test_the_art15_export_contains_the_documents(world, participation):
    from stufenweg.privacy.export import person_export_data, to_json, to_pdf

    document_add(person=participation.person, kind="agreement", name="vereinbarung.pdf", data=PDF, by=None)
    data = person_export_data(person=participation.person, by=world.personas["dpo"])
    exported = json.loads(to_json(data))["documents"]
    assert len(exported) == 1
    assert exported[0]["file_name"] == "vereinbarung.pdf"
    assert base64.b64decode(exported[0]["content_base64"]) == PDF
    assert any(section["model"] == "people.document" for section in data["sections"])
    pdf = to_pdf(data)
    assert b"/EmbeddedFile" in pdf  # the file travels inside the PDF as an attachment


def test_the_art17_anonymisation_removes_documents_and_files(
    world, participation, django_capture_on_commit_callbacks
):
    from stufenweg.privacy.anonymise import person_anonymise

    document = document_add(person=participation.person, kind="cv", name="cv.pdf", data=PDF, by=None)
    path = documents.path_of(document.storage_name)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=participation.person, by=world.personas["dpo"])
    assert not Document.objects.filter(person=participation.person).exists()
    assert not path.exists()
