"""URLs of the open-data catalogue, mounted at /donnees-ouvertes/ (French paths)."""

app_name = "opendata"
urlpatterns: list = []
