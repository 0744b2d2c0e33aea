"""URLs of the collaborative texts (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.texts import views

app_name = "texts"
urlpatterns = [
    path("", views.text_list, name="list"),
    path("espace/<slug:space_slug>/", views.space_texts, name="space"),
    path("espace/<slug:space_slug>/nouveau/", views.new_text, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/versions/", views.history, name="history"),
    path("<int:pk>/comparer/", views.compare, name="compare"),
    path("<int:pk>/debattus/", views.debated, name="debated"),
    path("<int:pk>/v<int:number>/", views.version, name="version"),
    path("<int:pk>/v<int:number>/synthese/", views.synthesis, name="synthesis"),
    path("<int:pk>/v<int:number>/export.<str:fmt>", views.export_version, name="export"),
    path("<int:pk>/paragraphes/<int:paragraph_pk>/", views.paragraph, name="paragraph"),
    path("<int:pk>/paragraphes/<int:paragraph_pk>/amender/", views.amend, name="amend"),
    path("<int:pk>/amendements/", views.amendments, name="amendments"),
    path("<int:pk>/amendements/<int:amendment_pk>/", views.amendment, name="amendment"),
    path("<int:pk>/amendements/<int:amendment_pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/amendements/<int:amendment_pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/nouvelle-version/", views.new_version, name="new_version"),
    path("<int:pk>/synthese/", views.synthesize, name="synthesize"),
    path("<int:pk>/ouverture/", views.set_open, name="set_open"),
    path("<int:pk>/commentaires.csv", views.comments_export, name="comments_export"),
    path("<int:pk>/amendements.csv", views.amendments_export, name="amendments_export"),
]
