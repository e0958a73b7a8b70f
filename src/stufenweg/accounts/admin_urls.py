"""URLs of the staff account administration, under ``verwaltung/konten/`` (config/urls.py)."""

from django.urls import path

from stufenweg.accounts import admin_views as views

app_name = "account_admin"
urlpatterns = [
    path("", views.account_list_view, name="list"),
    path("neu/", views.account_create_view, name="create"),
    path("<int:pk>/", views.account_detail_view, name="detail"),
    path("<int:pk>/bearbeiten/", views.account_edit_view, name="edit"),
    path("<int:pk>/mitgliedschaften/neu/", views.membership_add_view, name="membership_add"),
    path("<int:pk>/mitgliedschaften/rolle/", views.membership_role_view, name="membership_role"),
    path("<int:pk>/mitgliedschaften/entfernen/", views.membership_remove_view, name="membership_remove"),
    path("<int:pk>/deaktivieren/", views.account_deactivate_view, name="deactivate"),
    path("<int:pk>/reaktivieren/", views.account_reactivate_view, name="reactivate"),
    path("<int:pk>/passwort-link/", views.password_link_view, name="password_link"),
    path("<int:pk>/zwei-faktor/zuruecksetzen/", views.reset_request_view, name="reset_request"),
    path("<int:pk>/zwei-faktor/bestaetigen/", views.reset_confirm_view, name="reset_confirm"),
    path("<int:pk>/zwei-faktor/verwerfen/", views.reset_cancel_view, name="reset_cancel"),
]
