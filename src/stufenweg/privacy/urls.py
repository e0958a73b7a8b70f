from django.urls import path

from stufenweg.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.home, name="home"),
    path("protokoll/export/", views.audit_export, name="audit_export"),
    path("personen/<int:pk>/", views.person, name="person"),
    path("personen/<int:pk>/auskunft.<str:fmt>", views.person_export, name="person_export"),
    path("personen/<int:pk>/anonymisieren/", views.anonymise, name="anonymise"),
    path("aufbewahrung/", views.retention, name="retention"),
]
