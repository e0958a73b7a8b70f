import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_health_reports_ok_without_login(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_reports_a_broken_database(client, monkeypatch):
    from stufenweg.core import views

    class Broken:
        def __enter__(self):
            raise DatabaseError("connection refused to host db.internal")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: Broken())
    response = client.get("/health/")
    assert response.status_code == 503
    assert "db.internal" not in response.content.decode()
