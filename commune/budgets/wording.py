"""The plain-words reason of each project's result, worded in the reader's language.

Results store a reason code and its figures (services.compute_results); the sentence is
written here when the page or the CSV is made, so it follows the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def money(value: float | int | None) -> str:
    """An amount in euros, grouped the way the reader's language writes numbers."""
    value = value or 0
    decimals = 0 if float(value).is_integer() else 2
    return _("%(amount)s €") % {
        "amount": number_format(value, decimal_pos=decimals, force_grouping=True)
    }


def money_template() -> str:
    """The money format with a placeholder, for the ballot's live counter (ballot.js)."""
    return _("%(amount)s €") % {"amount": "__AMOUNT__"}


def reason(row: dict[str, Any], *, unit: str = "votes") -> str:
    """The sentence for one project of the results (`unit` is "votes" or "points")."""
    figures = {
        "cost": money(row["cost"]),
        "remaining": money(row.get("remaining")),
        "votes": row["votes"],
        "points": row.get("points", 0),
        "min": row.get("threshold") or 0,
        "money": money(row.get("supporters_money")),
        "stopper": row.get("stopper") or "",
    }
    code = row["reason"]
    if code == "funded_greedy":
        return (
            _(
                "Funded: when its turn came in the order of votes, %(remaining)s remained, enough "
                "for its cost of %(cost)s."
            )
            % figures
        )
    if code == "funded_completion":
        return (
            _(
                "Funded in the completion: once the equal shares were spent, %(remaining)s "
                "remained, enough for its cost of %(cost)s."
            )
            % figures
        )
    if code == "funded_phragmen":
        return (
            ngettext(
                "Funded: its %(votes)s voter earned its cost of %(cost)s before the budget "
                "ran out.",
                "Funded: its %(votes)s voters together earned its cost of %(cost)s before the "
                "budget ran out.",
                row["votes"],
            )
            % figures
        )
    if code == "funded_shares":
        return (
            ngettext(
                "Funded: its %(votes)s voter could pay its cost of %(cost)s from their share of "
                "the budget.",
                "Funded: its %(votes)s voters could pay its cost of %(cost)s together, from their "
                "equal shares of the budget.",
                row["votes"],
            )
            % figures
        )
    if code == "funded_free":
        return _("Funded: it costs nothing and residents voted for it.")
    if code == "zero_cost":
        return _(
            "Not funded: it costs nothing, so the Method of Equal Shares, which weighs "
            "projects by their cost, does not pick it."
        )
    if code == "no_votes":
        return _("Not funded: nobody voted for it.")
    if code == "under_threshold":
        if unit == "points":
            return _("Not funded: %(points)s points, fewer than the minimum of %(min)s.") % figures
        return (
            ngettext(
                "Not funded: %(votes)s vote, fewer than the minimum of %(min)s.",
                "Not funded: %(votes)s votes, fewer than the minimum of %(min)s.",
                row["votes"],
            )
            % figures
        )
    if code == "no_room_at_turn":
        return (
            _(
                "Not funded: after the projects ranked above it were funded, %(remaining)s "
                "remained, less than its cost of %(cost)s."
            )
            % figures
        )
    if code == "stopped":
        return (
            _(
                "Not funded: this rule stops at the first project that does not fit "
                "(“%(stopper)s”, ranked above it) and funds nothing after it."
            )
            % figures
        )
    if code == "no_room":
        return (
            _(
                "Not funded: after the funded projects, %(remaining)s remained, less than its "
                "cost of %(cost)s."
            )
            % figures
        )
    if code == "shares_short":
        return (
            _(
                "Not funded: a project is paid only from its own voters' equal shares, and what "
                "its voters had left of them, %(money)s, was less than its cost of %(cost)s."
            )
            % figures
        )
    if code == "phragmen_stopped":
        return (
            _(
                "Not funded: the count stopped when “%(stopper)s” no longer fitted in the budget, "
                "before this project's voters had earned its cost of %(cost)s."
            )
            % figures
        )
    return ""
