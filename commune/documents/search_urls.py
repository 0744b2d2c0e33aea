"""URL of the site-wide search page, mounted at /recherche/ (French paths)."""

from django.urls import path

from commune.documents import search

app_name = "search"
urlpatterns = [path("", search.search, name="results")]
