"""URLs of the meetings (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.meetings import feeds, minutes_views, staff_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("export.csv", views.export, name="export"),
    path("agenda.ics", views.city_ics, name="city_ics"),
    path("popolo.json", feeds.popolo_city, name="popolo"),
    path("espace/<slug:space_slug>/", views.space_meetings, name="list"),
    path("espace/<slug:space_slug>/agenda.ics", views.space_ics, name="space_ics"),
    path("espace/<slug:space_slug>/popolo.json", feeds.popolo_space, name="space_popolo"),
    path("espace/<slug:space_slug>/annoncer/", staff_views.create, name="create"),
    path("mes-rencontres/", feeds.my_meetings, name="mine"),
    path("mes-rencontres/nouveau-lien/", feeds.reset_feed, name="reset_feed"),
    path("agenda-personnel/<str:token>.ics", feeds.personal_ics, name="personal_ics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rencontre.ics", views.ics, name="ics"),
    path("<int:pk>/modifier/", staff_views.edit, name="edit"),
    path("<int:pk>/annuler/", staff_views.cancel_meeting, name="cancel_meeting"),
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
