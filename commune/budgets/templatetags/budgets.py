"""Template filters of the budget pages."""

from __future__ import annotations

from django import template

from commune.budgets.wording import money as money_text

register = template.Library()


@register.filter
def euros(value: int | float | None) -> str:
    """12000 → "12 000 €" in French, "€12,000"-style grouping in English."""
    return money_text(value)
