"""URLs of the published documents, mounted at /documents/ (French paths)."""

app_name = "documents"
urlpatterns: list = []
