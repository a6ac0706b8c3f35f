"""Each scoring method gives the score a reader of the formula would work out by hand."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from zonework.evaluation import scoring


@pytest.mark.parametrize("value,target,points,cap,expected", [
    (80, 100, 10, 1, D("8.00")),
    (100, 100, 10, 1, D("10.00")),
    (150, 100, 10, 1, D("10.00")),     # capped at the target
    (150, 100, 10, D("1.2"), D("12.00")),  # a cap above 1 rewards overshoot up to 120%
    (None, 100, 10, 1, D("0.00")),
    (50, 0, 10, 1, D("0.00")),
    (-5, 100, 10, 1, D("0.00")),
])
def test_ratio_to_target(value, target, points, cap, expected):
    score, formula = scoring.ratio_to_target(value, target, points, cap)
    assert score == expected
    assert str(expected) in formula or "0 分" in formula


@pytest.mark.parametrize("values,expected", [
    ({"a": 3, "b": 2, "c": 1}, {"a": 1, "b": 2, "c": 3}),
    ({"a": 3, "b": 3, "c": 1}, {"a": 1, "b": 1, "c": 3}),    # tie shares the rank, the next skips
    ({"a": 3, "b": None, "c": 1}, {"a": 1, "b": None, "c": 2}),
])
def test_ranks_with_ties(values, expected):
    assert scoring.ranks(values) == expected


def test_lower_is_better_ranks_reverse():
    assert scoring.ranks({"a": 3, "b": 1}, higher_is_better=False) == {"a": 2, "b": 1}


@pytest.mark.parametrize("rank,count,points,expected", [
    (1, 4, 10, D("10.00")), (4, 4, 10, D("2.50")), (2, 3, 6, D("4.00")), (None, 3, 6, D("0.00")),
])
def test_rank_score(rank, count, points, expected):
    assert scoring.rank_score(rank, count, points)[0] == expected


@pytest.mark.parametrize("growth,target,expected", [
    (5, 10, D("5.00")), (12, 10, D("10.00")), (-3, 10, D("0.00")), (None, 10, D("0.00")),
])
def test_growth(growth, target, expected):
    assert scoring.growth_score(growth, target, 10)[0] == expected


TABLE = [[0, "0.2"], [50, "0.6"], [80, 1]]


@pytest.mark.parametrize("value,expected", [(-1, D("0.00")), (0, D("2.00")), (79.9, D("6.00")), (80, D("10.00"))])
def test_thresholds(value, expected):
    assert scoring.threshold_score(value, TABLE, 10)[0] == expected


@pytest.mark.parametrize("table,message", [
    ([[50, "0.5"], [10, 1]], "由低到高"), ([[0, 2]], "0 到 1"), ([], "须填写分档表"), ([["x"]], "两个数"),
])
def test_bad_thresholds_are_refused_in_chinese(table, message):
    with pytest.raises(ValidationError) as exc:
        scoring.check_thresholds(table)
    assert message in exc.value.messages[0]
