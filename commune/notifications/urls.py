"""URLs of notifications, e-mail settings and follow buttons."""

from django.urls import path

from commune.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("reglages/", views.notification_settings, name="settings"),
    path("suivre/contribution/<int:pk>/", views.follow_contribution, name="follow_contribution"),
    path("suivre/espace/<slug:slug>/", views.follow_space, name="follow_space"),
]
