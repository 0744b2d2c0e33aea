"""URLs of accountability, mounted at /redevabilite/ (French paths, English under /en/)."""

from django.urls import path

from commune.accountability import views

app_name = "accountability"
urlpatterns = [
    path("", views.city, name="city"),
    path("espace/<slug:space_slug>/", views.space, name="space"),
    path("en-retard.csv", views.overdue_export, name="overdue_export"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/export.csv", views.decision_export, name="decisions_export"),
    path("decisions/nouvelle/", views.new_decision, name="new_decision"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/engagements/nouveau/", views.new_commitment, name="new_commitment"),
    path("engagements/<int:pk>/avancement/", views.commitment_progress, name="commitment_progress"),
    path("contribution/<int:pk>/repondre/", views.answer, name="answer"),
]
