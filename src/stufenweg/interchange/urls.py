from django.urls import path

from stufenweg.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("laeufe/<int:pk>/", views.run_detail, name="run_detail"),
]
