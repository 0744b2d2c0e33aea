"""URLs of the ideas and proposals (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.contributions import views

app_name = "contributions"
urlpatterns = [
    path("", views.all_contributions, name="all"),
    path("export.csv", views.export_all, name="export_all"),
    path("espace/<slug:space_slug>/", views.space_contributions, name="list"),
    path("espace/<slug:space_slug>/proposer/", views.new, name="new"),
    path("espace/<slug:space_slug>/saisie/", views.enter, name="enter"),
    path("espace/<slug:space_slug>/export.csv", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/soutenir/", views.support, name="support"),
    path("<int:pk>/commenter/", views.comment, name="comment"),
    path("<int:pk>/signaler/", views.report, name="report"),
    path("<int:pk>/masquer/", views.hide, name="hide"),
    path("commentaire/<int:pk>/signaler/", views.report_comment, name="report_comment"),
    path("commentaire/<int:pk>/masquer/", views.hide_comment, name="hide_comment"),
]
