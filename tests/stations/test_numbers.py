from decimal import Decimal as D

import pytest

from stations import numbers


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (D("8.00"), "8"),
        (D("7.50"), "7.5"),
        (D("0.50"), "0.5"),
        (D("100"), "100"),
        (D("100.00"), "100"),
        (D("85.40"), "85.4"),
        (D("92.05"), "92.05"),
        (D("60.20"), "60.2"),
        (D("50.00"), "50"),
        (D("343.50"), "343.5"),
        (D("592089.90"), "592089.9"),
        (D("0.00"), "0"),
        (D("-0.0"), "0"),
        (108, "108"),
        (0, "0"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_a_number_is_written_without_trailing_zeros_and_nothing_as_a_dash(value, printed):
    assert numbers.shown(value) == printed
