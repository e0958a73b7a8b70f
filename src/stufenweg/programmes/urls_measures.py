"""Verwaltung › Maßnahmen (included at ``verwaltung/massnahmen/``)."""

from django.urls import path

from stufenweg.programmes import views_measures

app_name = "measures_admin"

urlpatterns = [
    path("", views_measures.measure_list, name="list"),
    path("neu/", views_measures.measure_create, name="create"),
    path("<int:pk>/", views_measures.measure_edit, name="edit"),
]
