"""URLs of the public API, mounted at /api/v1/ (no language prefix: the API speaks JSON)."""

app_name = "api"
urlpatterns: list = []
