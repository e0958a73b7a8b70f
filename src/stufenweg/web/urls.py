from django.urls import path

from stufenweg.web.views import auth, home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("anmelden/", auth.StufenwegLoginView.as_view(), name="login"),
    path("abmelden/", auth.StufenwegLogoutView.as_view(), name="logout"),
]
