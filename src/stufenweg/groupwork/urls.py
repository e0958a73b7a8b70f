from django.urls import path

from stufenweg.groupwork import views

app_name = "groupwork"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("kennzahlen/", views.figures, name="figures"),
    path("neu/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/bearbeiten/", views.event_edit, name="event_edit"),
    path("<int:pk>/termin/", views.session_add, name="session_add"),
    path("<int:pk>/absagen/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/buchen/", views.booking_create, name="booking_create"),
    path("buchung/<int:pk>/stornieren/", views.booking_cancel, name="booking_cancel"),
    path("termin/<int:pk>/anwesenheit/", views.attendance, name="attendance"),
    path("termin/<int:pk>/bearbeiten/", views.session_edit, name="session_edit"),
    path("termin/<int:pk>/entfernen/", views.session_remove, name="session_remove"),
    path("hinweis/<int:pk>/gelesen/", views.notice_dismiss, name="notice_dismiss"),
]
