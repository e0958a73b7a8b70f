from django.urls import path

from stufenweg.earlywarning import views

app_name = "earlywarning"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("teilnahme/<int:pk>/entscheidung/", views.decide, name="decide"),
    path("modelle/", views.model_index, name="model_index"),
    path("programm/<int:pk>/", views.programme_model, name="programme_model"),
    path("programm/<int:pk>/einstellung/", views.setting_change, name="setting_change"),
    path("programm/<int:pk>/training/", views.training_request, name="training_request"),
    path("programm/<int:pk>/fairness.xlsx", views.fairness_xlsx, name="fairness_xlsx"),
]
