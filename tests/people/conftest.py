"""Fixtures for person details and documents: a person entered into measure MA of region A."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from stufenweg.casework.services import search_index_update
from stufenweg.organisations.models import Membership
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def participation(world):
    """Schmidt, Anna: referred by Jobcenter A to region A, entered measure MA of provider A."""
    person = PersonFactory(
        last_name="Schmidt", first_name="Anna", person_id="P-2001", birth_date=dt.date(1985, 3, 4)
    )
    search_index_update(persons=[person])
    p = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, p, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    p.refresh_from_db()
    return p


@pytest.fixture
def read_only(world):
    return MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user


@pytest.fixture
def provider_b_user(world):
    return MembershipFactory(user=UserFactory(username="traeger-b"), organisation=world.provider_b).user


@pytest.fixture(autouse=True)
def _own_document_folder(settings, tmp_path):
    """A fresh folder per test, so that a test can check what is (not) on disk."""
    settings.STUFENWEG_DOCUMENT_DIR = tmp_path / "documents"
