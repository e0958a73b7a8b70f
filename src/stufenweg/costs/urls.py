from django.urls import path

from stufenweg.costs import views

app_name = "costs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.programme_page, name="programme"),
    path("<int:pk>/diagramm.png", views.chart, name="chart"),
    path("<int:pk>/neu/", views.entry_create, name="entry_create"),
    path("posten/<int:pk>/bearbeiten/", views.entry_edit, name="entry_edit"),
]
