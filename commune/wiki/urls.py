"""URLs of the wiki (names are a contract with the other apps: keep them)."""

from django.urls import path

from commune.wiki import views

app_name = "wiki"
PAGE = "<slug:space_slug>/pages/<slug:page_slug>/"
urlpatterns = [
    path("<slug:space_slug>/", views.index, name="index"),
    path("<slug:space_slug>/pages.csv", views.index_export, name="index_export"),
    path("<slug:space_slug>/nouvelle-page/", views.create, name="create"),
    path(PAGE, views.page, name="page"),
    path(PAGE + "modifier/", views.edit, name="edit"),
    path(PAGE + "historique/", views.history, name="history"),
    path(PAGE + "historique.csv", views.history_export, name="history_export"),
    path(PAGE + "comparer/", views.diff, name="diff"),
    path(PAGE + "versions/<int:number>/", views.revision, name="revision"),
    path(PAGE + "versions/<int:number>/retablir/", views.revert, name="revert"),
    path(PAGE + "verrou/", views.lock, name="lock"),
    path(PAGE + "page.md", views.export_markdown, name="export_markdown"),
    path(PAGE + "page.html", views.export_html, name="export_html"),
    path(PAGE + "page.pdf", views.export_pdf, name="export_pdf"),
]
