from django.urls import path

from stufenweg.mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("nachbetreuung/", views.aftercare, name="aftercare"),
    path("teilnahme/<int:pk>/zuordnen/", views.mentorship_add, name="mentorship_add"),
    path("nachbetreuung/dauer/", views.aftercare_defaults, name="aftercare_defaults"),
    path("nachbetreuung/dauer/festlegen/", views.aftercare_default_edit, name="aftercare_default_edit"),
    path("<int:pk>/eintrag/", views.entry_add, name="entry_add"),
    path("eintrag/<int:pk>/berichtigen/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/nachbetreuung/", views.aftercare_add, name="aftercare_add"),
    path("<int:pk>/ende/", views.mentorship_end, name="mentorship_end"),
]
