"""Exact rationals for the hot loops: gmpy2's `mpq` (about ten times faster), else Fraction.

The rules compute with `Q` inside and hand back `Money` (int or Fraction) through `money`,
so that callers never see an mpq.
"""

from __future__ import annotations

from fractions import Fraction

from .pabulib import Money

try:
    import gmpy2

    Q = gmpy2.mpq
except ImportError:  # pragma: no cover - gmpy2 is a dependency; Fraction is as exact
    Q = Fraction


def money(value: object) -> Money:
    """An exact rational (mpq, Fraction or int) as Money: an int when it is whole."""
    numerator, denominator = int(value.numerator), int(value.denominator)  # type: ignore[attr-defined]
    return numerator if denominator == 1 else Fraction(numerator, denominator)
