from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("stufenweg.core.urls")),
    path("konto/", include("stufenweg.accounts.urls")),
    path("verwaltung/konten/", include("stufenweg.accounts.admin_urls")),
    path("verwaltung/programme/", include("stufenweg.programmes.urls")),
    path("verwaltung/massnahmen/", include("stufenweg.programmes.urls_measures")),
    path("api/", include("stufenweg.api.urls")),
    path("teilnehmende/", include("stufenweg.casework.urls")),
    path("personen/", include("stufenweg.people.urls")),
    path("gruppenangebote/", include("stufenweg.groupwork.urls")),
    path("unterstuetzung/", include("stufenweg.support.urls")),
    path("matching/", include("stufenweg.matching.urls")),
    path("mentoring/", include("stufenweg.mentoring.urls")),
    path("kosten/", include("stufenweg.costs.urls")),
    path("berichte/", include("stufenweg.indicators.urls")),
    path("prognose/", include("stufenweg.forecasting.urls")),
    path("import/", include("stufenweg.interchange.urls")),
    path("fruehwarnung/", include("stufenweg.earlywarning.urls")),
    path("datenschutz/", include("stufenweg.privacy.urls")),
    path("", include("stufenweg.organisations.urls")),  # verwaltung/organisationen/, arbeitgeber/
    path("", include("stufenweg.web.urls")),
]
