from django.urls import path

from stufenweg.people import household_views, views

app_name = "people"
urlpatterns = [
    path("<int:pk>/angaben/", views.person_edit, name="person_edit"),
    path("<int:pk>/dokumente/neu/", views.document_add, name="document_add"),
    path("dokumente/<int:pk>/", views.document_download, name="document_download"),
    path("dokumente/<int:pk>/loeschen/", views.document_delete, name="document_delete"),
    path("haushalte/<int:pk>/", household_views.household_detail, name="household_detail"),
    path("haushalte/<int:pk>/diagramm.png", household_views.household_chart, name="household_chart"),
    path("haushalte/<int:pk>/leistungsmonat/", household_views.household_month, name="household_month"),
    path(
        "haushalte/<int:pk>/leistungsmonate/datei/", household_views.household_upload, name="household_upload"
    ),
]
