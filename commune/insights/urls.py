"""URLs of the participation figures, mounted at /participation/ (French paths)."""

from django.urls import path

from commune.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.city, name="city"),
    path("quartier/<slug:slug>/", views.neighbourhood, name="neighbourhood"),
    path("espace/<slug:slug>/", views.space, name="space"),
    path("espace/<slug:slug>/evaluation/", views.report, name="report"),
    path("espace/<slug:slug>/evaluation.csv", views.report_export, name="report_export"),
    path("rencontre/<int:pk>/", views.meeting, name="meeting"),
]
