"""Statistical disclosure control for the make-up of a meeting's room.

Moved to `commune.core.disclosure`, shared with the participation figures (insights);
kept here so meetings' imports stay as they were.
"""

from __future__ import annotations

from commune.core.disclosure import THRESHOLD, suppress

__all__ = ["THRESHOLD", "suppress"]
