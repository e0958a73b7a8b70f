"""A URL configuration with a view that fails (for the 500 page test)."""

from django.urls import include, path


def broken(request):
    raise RuntimeError("geheime Detailinformation")


urlpatterns = [
    path("kaputt/", broken),
    path("", include("stufenweg.web.urls")),
]
