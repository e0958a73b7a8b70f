from django.urls import path

from stufenweg.web.views import administration, audit, auth, home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("anmelden/", auth.StufenwegLoginView.as_view(), name="login"),
    path("abmelden/", auth.StufenwegLogoutView.as_view(), name="logout"),
    path("protokoll/", audit.audit_list, name="audit_list"),
    path("verwaltung/", administration.administration, name="administration"),
]
