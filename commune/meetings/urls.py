"""URLs of the meetings (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.meetings import minutes_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("export.csv", views.export, name="export"),
    path("agenda.ics", views.city_ics, name="city_ics"),
    path("espace/<slug:space_slug>/", views.space_meetings, name="list"),
    path("espace/<slug:space_slug>/agenda.ics", views.space_ics, name="space_ics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rencontre.ics", views.ics, name="ics"),
    path("<int:pk>/inscription/", views.register, name="register"),
    path("<int:pk>/desinscription/", views.cancel, name="cancel"),
    path("<int:pk>/presences/", views.attendance, name="attendance"),
    path("<int:pk>/ordre-du-jour/", views.agenda_manage, name="agenda_manage"),
    path("<int:pk>/ordre-du-jour/proposer/", views.agenda_propose, name="agenda_propose"),
    path(
        "<int:pk>/ordre-du-jour/<int:item_pk>/soutien/",
        views.agenda_support,
        name="agenda_support",
    ),
    path("<int:pk>/inscription-telephone/", views.phone_registration, name="phone_registration"),
    path("<int:pk>/compte-rendu/", minutes_views.minutes_manage, name="minutes_manage"),
]
