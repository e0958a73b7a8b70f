"""Programme administration (under ``verwaltung/programme/``)."""

from django.urls import path

from stufenweg.programmes import views, views_reasons

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("neu/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/bearbeiten/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/stufen/neu/", views.stage_create, name="stage_create"),
    path("stufen/<int:pk>/bearbeiten/", views.stage_edit, name="stage_edit"),
    path("stufen/<int:pk>/verschieben/", views.stage_move, name="stage_move"),
    path("<int:pk>/betreuungsschluessel/neu/", views.ratio_create, name="ratio_create"),
    path("betreuungsschluessel/<int:pk>/bearbeiten/", views.ratio_edit, name="ratio_edit"),
    path("<int:pk>/gruende/neu/", views_reasons.reason_create, name="reason_create"),
    path("gruende/<int:pk>/bearbeiten/", views_reasons.reason_edit, name="reason_edit"),
    path("gruende/<int:pk>/loeschen/", views_reasons.reason_delete, name="reason_delete"),
]
