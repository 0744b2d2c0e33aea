"""Permission-matrix rows for the opendata pages, and the data those rows open."""

from __future__ import annotations

# url name -> (kwargs, expected status per role); see the shorthands in test_permission_matrix.
# Do not import test_permission_matrix here (it imports this module): spell rows out with ROLES.
ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]
EVERYONE_200 = dict.fromkeys(ROLES, 200)
# The matrix runs before any open-data build (the suite's data directory is fresh and every
# opendata test builds into its own): downloads answer 503 "not built yet" to everyone.
NOT_BUILT_YET = dict.fromkeys(ROLES, 503)
ROWS: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "opendata:index": ({}, EVERYONE_200),
    "opendata:download": ({"filename": "contributions.csv"}, NOT_BUILT_YET),
    "opendata:dcat_jsonld": ({}, NOT_BUILT_YET),
    "opendata:dcat_turtle": ({}, NOT_BUILT_YET),
}
# admin url name -> expected status per role (merged into ADMIN_PAGES).
ADMIN_ROWS: dict[str, dict[str, int]] = {}


def make_data(common: dict) -> None:
    """Create what the rows above open (called by the matrix's city_data fixture)."""
