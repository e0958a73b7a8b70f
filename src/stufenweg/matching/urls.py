from django.urls import path

from stufenweg.matching import views

app_name = "matching"
urlpatterns = [
    path("teilnahme/<int:pk>/", views.participant_matching, name="participant"),
    path("teilnahme/<int:pk>/berufsziele/", views.targets_edit, name="targets_edit"),
    path("teilnahme/<int:pk>/qualifikation/", views.qualification_add, name="qualification_add"),
    path("teilnahme/<int:pk>/auswahl/", views.choose, name="choose"),
]
