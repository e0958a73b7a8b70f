from django.urls import path

from stufenweg.people import views

app_name = "people"
urlpatterns = [
    path("<int:pk>/angaben/", views.person_edit, name="person_edit"),
    path("<int:pk>/dokumente/neu/", views.document_add, name="document_add"),
    path("dokumente/<int:pk>/", views.document_download, name="document_download"),
    path("dokumente/<int:pk>/loeschen/", views.document_delete, name="document_delete"),
]
