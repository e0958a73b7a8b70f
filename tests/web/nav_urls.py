"""A URL configuration in which every navigation target exists (for navigation tests)."""

from django.http import HttpResponse
from django.urls import include, path


def stub(request, *args, **kwargs):
    return HttpResponse("stub")


def _app(name: str, patterns: list):
    return (patterns, name)


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "teilnehmende/",
        include(
            _app(
                "casework",
                [
                    path("", stub, name="participant_list"),
                    path("<int:pk>/", stub, name="participant_detail"),
                    path("arbeitslisten/", stub, name="worklists"),
                    path("massnahmen/", stub, name="measure_list"),
                ],
            )
        ),
    ),
    path("berichte/", include(_app("indicators", [path("", stub, name="report")]))),
    path("import/", include(_app("interchange", [path("", stub, name="upload")]))),
    path("api/", include(_app("api", [path("docs/", stub, name="docs")]))),
    path("", include("stufenweg.web.urls")),
]
