"""URLs of the spaces: the filtered list and each space's page."""

from django.urls import path

from commune.spaces import views

app_name = "spaces"
urlpatterns = [
    path("", views.space_list, name="list"),
    path("export.csv", views.space_export, name="export"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/rejoindre/", views.join, name="join"),
    path("<slug:slug>/quitter/", views.leave, name="leave"),
]
