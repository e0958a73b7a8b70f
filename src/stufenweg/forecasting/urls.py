from django.urls import path

from stufenweg.forecasting import views

app_name = "forecasting"
urlpatterns = [
    path("", views.forecast_page, name="forecast"),
    path("download.xlsx", views.download, name="download"),
]
