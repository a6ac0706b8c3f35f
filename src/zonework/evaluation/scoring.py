"""The scoring methods, as pure functions: each returns (score, formula text) so a score shows its working."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

Q2 = Decimal("0.01")


def _d(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _round(value):
    return _d(value).quantize(Q2, rounding=ROUND_HALF_UP)


def ratio_to_target(value, target, points, cap=1):
    """Points × min(value / target, cap); no figure or no positive target scores 0."""
    points, cap = _d(points), _d(cap)
    if value is None or target is None or _d(target) <= 0:
        return Decimal("0.00"), f"无数据或无目标，得 0 分（满分 {points}）"
    ratio = max(min(_d(value) / _d(target), cap), Decimal(0))
    return _round(points * ratio), f"{points} × min({_d(value)} ÷ {_d(target)}, {cap}) = {_round(points * ratio)}"


def ranks(values, higher_is_better=True):
    """Competition ranks ("1224") of a {key: value} map in one pass; a missing value ranks after all."""
    present = sorted(((v, k) for k, v in values.items() if v is not None), key=lambda p: p[0],
                     reverse=higher_is_better)
    result, previous, rank = {}, object(), 0
    for position, (value, key) in enumerate(present, start=1):
        if value != previous:
            rank, previous = position, value
        result[key] = rank
    for key, value in values.items():
        if value is None:
            result[key] = None
    return result


def rank_score(rank, count, points):
    """Points × (count − rank + 1) ÷ count: first place full points, last place points ÷ count."""
    points = _d(points)
    if rank is None or not count:
        return Decimal("0.00"), f"无数据，得 0 分（满分 {points}）"
    score = _round(points * Decimal(count - rank + 1) / Decimal(count))
    return score, f"{points} × ({count} − {rank} + 1) ÷ {count} = {score}（第 {rank} 名 / {count}）"


def growth_score(growth_pct, target_pct, points, cap=1):
    """Points × min(growth ÷ target growth, cap); a fall (growth ≤ 0) scores 0."""
    points, cap = _d(points), _d(cap)
    if growth_pct is None or target_pct is None or _d(target_pct) <= 0:
        return Decimal("0.00"), f"无增速或无目标增速，得 0 分（满分 {points}）"
    ratio = max(min(_d(growth_pct) / _d(target_pct), cap), Decimal(0))
    score = _round(points * ratio)
    return score, f"{points} × min({_d(growth_pct)}% ÷ {_d(target_pct)}%, {cap}) = {score}"


def check_thresholds(table):
    """A thresholds table is [[lower bound, share of points], ...] with bounds rising and shares in 0..1."""
    rows = []
    for row in table or []:
        try:
            bound, share = _d(row[0]), _d(row[1])
        except Exception as exc:
            raise ValidationError("分档表每一行应为［下限, 得分比例］两个数。") from exc
        if not Decimal(0) <= share <= Decimal(1):
            raise ValidationError(f"分档表的得分比例 {share} 应在 0 到 1 之间。")
        if rows and bound <= rows[-1][0]:
            raise ValidationError(f"分档表的下限应由低到高排列：{bound} 不大于 {rows[-1][0]}。")
        rows.append((bound, share))
    if not rows:
        raise ValidationError("分档计分的指标须填写分档表。")
    return rows


def threshold_score(value, table, points):
    """Points × the share of the highest band whose lower bound the value reaches; below every band 0."""
    points = _d(points)
    rows = check_thresholds(table)
    if value is None:
        return Decimal("0.00"), f"无数据，得 0 分（满分 {points}）"
    share = Decimal(0)
    band = None
    for bound, band_share in rows:
        if _d(value) >= bound:
            share, band = band_share, bound
    score = _round(points * share)
    if band is None:
        return score, f"{_d(value)} 低于最低档 {rows[0][0]}，得 0 分"
    return score, f"{_d(value)} ≥ {band}，{points} × {share} = {score}"
