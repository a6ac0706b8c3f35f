"""A parent task's progress from its children (Decidim's roll-up, with the rules written down).

    progress(parent) = Σ weight_i × progress_i / Σ weight_i

- Missing progress counts as 0 (a child nobody has reported on has done nothing yet).
- Weights: if no child has a weight, every child counts equally (plain mean); if some children have
  a weight and others not, a missing weight counts as 1; if the weights add up to 0, plain mean.
- A task without children keeps the progress its lead unit reported.
- The result is rounded to two decimals (half up).

`recompute_ancestors` runs inside the action that changed the child, so the parent, grandparent ...
change in the same transaction, each save recorded in the audit log.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def weighted_progress(children):
    """`children`: (progress, weight) pairs, either may be None. None when there are no children."""
    children = list(children)
    if not children:
        return None
    values = [Decimal(p) if p is not None else Decimal(0) for p, _ in children]
    weights = [w for _, w in children]
    if all(w is None for w in weights):
        weights = [Decimal(1)] * len(values)
    else:
        weights = [Decimal(w) if w is not None else Decimal(1) for w in weights]
    total = sum(weights)
    if total == 0:
        weights, total = [Decimal(1)] * len(values), Decimal(len(values))
    result = sum(v * w for v, w in zip(values, weights, strict=True)) / total
    return result.quantize(CENT, rounding=ROUND_HALF_UP)


def recompute(task):
    """Set `task.progress` from its children; returns True if it changed (and was saved)."""
    children = list(task.children.values_list("progress", "weight"))
    value = weighted_progress(children)
    if value is None or value == task.progress:
        return False
    task.progress = value
    task.save()
    return True


def recompute_ancestors(task):
    """Recompute every ancestor of `task`, nearest first."""
    from zonework.work.models import Task

    seen = set()
    parent_id = task.parent_id
    while parent_id is not None and parent_id not in seen:
        seen.add(parent_id)
        parent = Task.objects.select_for_update().get(pk=parent_id)
        recompute(parent)
        parent_id = parent.parent_id
