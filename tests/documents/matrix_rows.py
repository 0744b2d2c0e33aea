"""Permission-matrix rows for the documents pages, and the data those rows open."""

from __future__ import annotations

# url name -> (kwargs, expected status per role); see the shorthands in test_permission_matrix.
# Do not import test_permission_matrix here (it imports this module): spell rows out with ROLES.
ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]
ROWS: dict[str, tuple[dict[str, str], dict[str, int]]] = {}
# admin url name -> expected status per role (merged into ADMIN_PAGES).
ADMIN_ROWS: dict[str, dict[str, int]] = {}


def make_data(common: dict) -> None:
    """Create what the rows above open (called by the matrix's city_data fixture)."""
