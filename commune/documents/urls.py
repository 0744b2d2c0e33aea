"""URLs of the published documents, mounted at /documents/ (French paths)."""

from django.urls import path

from commune.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("documents.csv", views.document_export, name="export"),
    path("publier/", views.publish, name="publish"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/remettre-en-ligne/", views.republish, name="republish"),
]
