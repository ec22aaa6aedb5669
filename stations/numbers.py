"""How the portal writes a number, on its pages and in its documents alike: as people write it,
with no trailing zeros (8.00 → 8, 0.50 → 0.5, 60.20 → 60.2, 592089.90 → 592089.9, 100 → 100),
and a dash for a number that is not there. Rounding is the rules' business, before printing.
Pure: no database, no Django."""

from __future__ import annotations

from decimal import Decimal

NOTHING = "—"


def plain(value: Decimal | int) -> str:
    """8.00 → "8", 0.50 → "0.5", 100 → "100"."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text == "-0" else text


def shown(value: Decimal | int | None) -> str:
    """``plain``, and “—” for nothing."""
    if value is None or value == "":
        return NOTHING
    return plain(value)
