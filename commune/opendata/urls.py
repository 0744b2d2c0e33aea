"""URLs of the open-data catalogue, mounted at /donnees-ouvertes/ (French paths)."""

from django.urls import path

from commune.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue.jsonld", views.download, {"filename": "catalogue.jsonld"}, name="dcat_jsonld"),
    path("catalogue.ttl", views.download, {"filename": "catalogue.ttl"}, name="dcat_turtle"),
    path("fichiers/<str:filename>", views.download, name="download"),
]
