"""URLs of the public API, mounted at /api/v1/ (no language prefix: the API speaks JSON)."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from commune.api import budgets, contributions, docs, documents, meetings, spaces, texts

app_name = "api"

router = SimpleRouter()
router.register("neighbourhoods", spaces.NeighbourhoodViewSet, basename="neighbourhood")
router.register("spaces", spaces.SpaceViewSet, basename="space")
router.register("contributions", contributions.ContributionViewSet, basename="contribution")
router.register("comments", contributions.CommentViewSet, basename="comment")
router.register("decisions", contributions.DecisionViewSet, basename="decision")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("budgets", budgets.BudgetViewSet, basename="budget")
router.register("projects", budgets.ProjectViewSet, basename="project")
router.register("texts", texts.TextViewSet, basename="text")
router.register("text-versions", texts.VersionViewSet, basename="text-version")
router.register("amendments", texts.AmendmentViewSet, basename="amendment")
router.register("documents", documents.DocumentViewSet, basename="document")

urlpatterns = [
    path("openapi.json", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs_page, name="docs"),
    *router.urls,
    # Anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"", docs.not_found),
]
