from django.urls import path

from stufenweg.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("zwei-faktor/einrichten/", views.setup, name="setup"),
    path("zwei-faktor/pruefen/", views.verify, name="verify"),
    path("zwei-faktor/wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("zwei-faktor/wiederherstellungscodes/neu/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("api-schluessel/", views.api_key_create, name="api_key_create"),
    path("api-schluessel/<int:pk>/widerrufen/", views.api_key_revoke, name="api_key_revoke"),
    path("passwort/", views.password_change, name="password_change"),
    path("passwort-festlegen/<uidb64>/<token>/", views.PasswordLinkView.as_view(), name="password_link"),
]
