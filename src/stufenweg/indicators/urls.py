from django.urls import path

from stufenweg.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.report, name="report"),
    path("lauf/<int:pk>/", views.run_detail, name="run"),
    path("lauf/<int:pk>/grafik/<str:name>.png", views.chart, name="chart"),
    path("lauf/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("zielwerte/", views.targets, name="targets"),
]
