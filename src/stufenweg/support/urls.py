from django.urls import path

from stufenweg.support import views

app_name = "support"
urlpatterns = [
    path("teilnahme/<int:pk>/angebot/", views.referral_add, name="referral_add"),
    path("teilnahme/<int:pk>/hemmnis/", views.barrier_add, name="barrier_add"),
    path("teilnahme/<int:pk>/phase/", views.phase_add, name="phase_add"),
    path("teilnahme/<int:pk>/profillage/", views.profile_add, name="profile_add"),
    path("angebot/<int:pk>/stand/", views.referral_status, name="referral_status"),
    path("angebot/<int:pk>/korrektur/", views.referral_correct, name="referral_correct"),
    path("programm/<int:pk>/phasen/", views.programme_phases, name="programme_phases"),
]
