"""``verwaltung/organisationen/…`` (coordination office) and ``arbeitgeber/…`` (employer register)."""

from django.urls import path

from stufenweg.organisations import employer_views, views

app_name = "organisations"
urlpatterns = [
    path("verwaltung/organisationen/", views.organisation_list, name="organisation_list"),
    path("verwaltung/organisationen/neu/", views.organisation_create, name="organisation_create"),
    path("verwaltung/organisationen/<int:pk>/bearbeiten/", views.organisation_edit, name="organisation_edit"),
    path("verwaltung/organisationen/regionen/", views.region_list, name="region_list"),
    path("verwaltung/organisationen/regionen/neu/", views.region_create, name="region_create"),
    path("verwaltung/organisationen/regionen/<int:pk>/bearbeiten/", views.region_edit, name="region_edit"),
    path("arbeitgeber/", views.employer_list, name="employer_list"),
    path("arbeitgeber/neu/", views.employer_create, name="employer_create"),
    path("arbeitgeber/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("arbeitgeber/<int:pk>/bearbeiten/", views.employer_edit, name="employer_edit"),
    path(
        "arbeitgeber/<int:pk>/kontakte/neu/",
        employer_views.employer_contact_create,
        name="employer_contact_create",
    ),
    path(
        "arbeitgeber/kontakte/<int:pk>/bearbeiten/",
        employer_views.employer_contact_edit,
        name="employer_contact_edit",
    ),
    path("arbeitgeber/<int:pk>/stellen/neu/", employer_views.vacancy_create, name="vacancy_create"),
    path("arbeitgeber/stellen/<int:pk>/bearbeiten/", employer_views.vacancy_edit, name="vacancy_edit"),
]
