"""List counts that cost what a page shows: one count per API list, exact for small lists, the
planner's estimate (flagged `count_estimated`) once the rows in scope pass ZONEWORK_EXACT_COUNT_LIMIT."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.economy.factories import ObservationFactory, indicator
from zonework.core.counting import count_rows
from zonework.economy.models import Observation


def _observations(zone, n):
    gdp = indicator("gdp")
    for k in range(n):
        ObservationFactory(zone=zone, indicator=gdp, year=2000 + k // 12, month=k % 12 + 1)


def _counts(ctx):
    """The counts of the list's own table (the header's bell and envelope count their own rows)."""
    return [q["sql"] for q in ctx.captured_queries
            if "COUNT(" in q["sql"].upper() and 'FROM "economy_observation"' in q["sql"]]


def test_an_api_list_counts_once_and_exactly_below_the_limit(api_client, leader, zone):
    _observations(zone, 30)
    api_client.force_authenticate(leader)
    with CaptureQueriesContext(connection) as ctx:
        data = api_client.get("/api/economy/observations/?limit=5").json()
    assert data["count"] == 30 and data["count_estimated"] is False and len(data["results"]) == 5
    assert len(_counts(ctx)) == 1


def test_a_large_table_is_counted_by_the_planners_estimate_on_postgresql(api_client, leader, zone, settings):
    _observations(zone, 240)
    settings.ZONEWORK_EXACT_COUNT_LIMIT = 100
    api_client.force_authenticate(leader)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE economy_observation")
        with CaptureQueriesContext(connection) as ctx:
            data = api_client.get("/api/economy/observations/?limit=5").json()
        # No COUNT(*) ran: the figure is the planner's, close to the 240 rows, and says so.
        assert data["count_estimated"] is True and not _counts(ctx)
        assert 120 <= data["count"] <= 480
        # A filter that leaves few rows is counted exactly.
        small = api_client.get("/api/economy/observations/?year=2000&limit=5").json()
        assert small["count"] == 12 and small["count_estimated"] is False
    else:
        data = api_client.get("/api/economy/observations/?limit=5").json()
        assert data["count"] == 240 and data["count_estimated"] is False  # SQLite has no estimate


def test_an_empty_scope_counts_zero_without_an_estimate(zone):
    assert count_rows(Observation.objects.filter(pk__in=[])) == (0, False)


def test_a_list_page_counts_once_and_shows_that_total(login, leader, zone):
    _observations(zone, 30)
    with CaptureQueriesContext(connection) as ctx:
        page = login(leader).get("/economy/observations/")
    assert page.status_code == 200
    assert len(_counts(ctx)) == 1, _counts(ctx)
    assert '<span class="badge text-bg-light">30</span>' in page.content.decode()


def test_a_large_list_page_says_its_total_is_an_estimate(login, leader, zone, settings):
    _observations(zone, 240)
    settings.ZONEWORK_EXACT_COUNT_LIMIT = 100
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE economy_observation")
    page = login(leader).get("/economy/observations/").content.decode()
    if connection.vendor == "postgresql":
        assert "数据量大，为数据库估算值" in page and ">约" in page
    else:
        assert '<span class="badge text-bg-light">240</span>' in page


def _uploads(zone, n):
    from zonework.economy.models import StatisticsUpload

    for k in range(n):
        StatisticsUpload.objects.create(zone=zone, year=2000 + k // 12, month=k % 12 + 1, rows=[])


def test_filter_choices_are_the_current_zones_and_cost_the_same_for_many(login, leader, zone, other_zone):
    """The observation list's 统计月报 filter: one query however many uploads, and only this zone's."""
    leader.zones.add(other_zone)
    c = login(leader)
    c.get(f"/?zone={zone.pk}")
    _uploads(zone, 3)
    _uploads(other_zone, 4)
    with CaptureQueriesContext(connection) as few:
        page = c.get(f"/economy/observations/?zone={zone.pk}").content.decode()
    assert page.count(f"{zone}") >= 3 and f"{other_zone} 2000年" not in page
    _uploads(zone, 40)
    with CaptureQueriesContext(connection) as many:
        c.get(f"/economy/observations/?zone={zone.pk}")
    assert len(many.captured_queries) == len(few.captured_queries)
