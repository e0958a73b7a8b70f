"""A URL configuration with only the web app: no other app has its views yet."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("stufenweg.web.urls")),
]
