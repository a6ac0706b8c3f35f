"""A scheme's weights and tables are checked before it is used."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from .models import ItemKind, Method
from .scoring import check_thresholds

FULL = Decimal(100)


def validate_scheme(scheme):
    """Parts add up to 100 points and each part's scoring items add up to the part's weight."""
    errors = []
    parts = list(scheme.parts.prefetch_related("items"))
    total = sum((p.weight for p in parts), Decimal(0))
    if total != FULL:
        errors.append(f"一级指标权重合计为 {total} 分，应为 100 分。")
    for part in parts:
        items = list(part.items.all())
        normal = [i for i in items if i.kind == ItemKind.NORMAL]
        if normal:
            subtotal = sum((i.weight for i in normal), Decimal(0))
            if subtotal != part.weight:
                errors.append(f"“{part.name}”下各指标分值合计为 {subtotal} 分，应为 {part.weight} 分。")
        for item in items:
            if item.method == Method.THRESHOLDS and item.kind != ItemKind.VETO:
                try:
                    check_thresholds(item.thresholds)
                except ValidationError as exc:
                    errors.append(f"“{item.name}”：{exc.messages[0]}")
            if item.method in (Method.RATIO, Method.GROWTH) and item.kind == ItemKind.NORMAL and item.target is None:
                errors.append(f"“{item.name}”按目标计分，须填写目标值。")
    if errors:
        raise ValidationError(errors)
