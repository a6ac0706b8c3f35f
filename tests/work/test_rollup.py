"""The roll-up formula (rollup.py): what a parent task's progress shows, from its children."""

from decimal import Decimal

import pytest

from zonework.work.rollup import weighted_progress

CASES = [
    ("no children: nothing to roll up", [], None),
    ("no weights: plain mean", [(100, None), (50, None)], Decimal("75.00")),
    ("missing progress counts as 0", [(100, None), (None, None)], Decimal("50.00")),
    ("weighted mean", [(100, 3), (0, 1)], Decimal("75.00")),
    ("some weights missing: a missing weight counts as 1", [(100, 3), (0, None)], Decimal("75.00")),
    ("zero weight leaves a child out", [(100, 1), (0, 0)], Decimal("100.00")),
    ("all weights zero: plain mean", [(100, 0), (0, 0)], Decimal("50.00")),
    ("rounded to two decimals, half up", [(100, None), (0, None), (0, None)], Decimal("33.33")),
    ("decimal weights", [(Decimal("80"), Decimal("0.5")), (Decimal("20"), Decimal("1.5"))], Decimal("35.00")),
]


@pytest.mark.parametrize(("case", "children", "expected"), CASES, ids=[c[0] for c in CASES])
def test_weighted_progress(case, children, expected):
    assert weighted_progress(children) == expected
