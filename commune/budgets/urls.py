"""URLs of the participatory budgets (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.budget_list, name="list"),
    path("export.csv", views.export, name="export"),
    path("espace/<slug:space_slug>/", views.space_budgets, name="space"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/projets.csv", views.projects_export, name="projects_export"),
    path("<int:pk>/proposer/", views.submit, name="submit"),
    path("<int:pk>/projets/<int:project_pk>/", views.project, name="project"),
    path("<int:pk>/projets/<int:project_pk>/etude/", views.review, name="review"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/bulletin-papier/", views.paper_ballot, name="paper_ballot"),
    path("<int:pk>/cloture/", views.close, name="close"),
    path("<int:pk>/resultats/", views.results, name="results"),
    path("<int:pk>/resultats.csv", views.results_export, name="results_export"),
    path("<int:pk>/bulletins.pb", views.ballots_pb, name="ballots_pb"),
]
