"""URLs of the neighbourhoods pages."""

from django.urls import path

from commune.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.neighbourhood_list, name="list"),
    path("export.csv", views.neighbourhood_export, name="export"),
    path("<slug:slug>/", views.neighbourhood_detail, name="neighbourhood"),
]
