"""How many rows a list holds, at a cost that does not grow with a large table.

An exact COUNT(*) of 1.6 M observations or audit entries costs PostgreSQL a third of a second on every
page of a list, more than the page itself (issue 16). Where the planner expects more rows than
ZONEWORK_EXACT_COUNT_LIMIT (100,000), its estimate is used and the list says "约"; below that the count
is exact, so the small lists users page through to the end keep exact totals. SQLite has no estimate:
its counts stay exact.
"""

import json

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


def exact_limit():
    return int(getattr(settings, "ZONEWORK_EXACT_COUNT_LIMIT", 100_000))


def planner_estimate(queryset):
    """PostgreSQL's estimate of the rows `queryset` returns, or None (other engines, or no plan)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # pk__in=[] has no SQL: no estimate (the exact count is 0 at no cost)
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def count_rows(queryset):
    """(count, estimated): the exact count when the table part is small, else the planner's estimate."""
    estimate = planner_estimate(queryset)
    if estimate is not None and estimate >= exact_limit():
        return estimate, True
    return queryset.count(), False


class CountingPaginator(Paginator):
    """The list pages' paginator: counts once with `count_rows` (the page's total badge reads the same
    figure instead of counting a second time) and knows whether that count is an estimate."""

    estimated = False

    @cached_property
    def count(self):
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        if hasattr(queryset, "query"):
            count, self.estimated = count_rows(queryset)
            return count
        return len(self.object_list)
