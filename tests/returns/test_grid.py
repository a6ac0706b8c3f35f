"""The reviewer's status grid: zones × months with 未报/已报/退回/通过, late in red, counts per column,
in the same number of queries for 3 zones as for 10."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ZoneFactory
from zonework.core import clock
from zonework.returns import actions, grid

from .conftest import rows_for

OUT, FAI = "industrial_output_above_scale", "fixed_asset_investment"


def _form_over(n, reviewer, indicators):
    zones = [ZoneFactory(name=f"测试开发区{i:02d}") for i in range(n)]
    reviewer.zones.add(*zones)
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # the zone list is cached per user object
    form = actions.create_form({"name": f"月报{n}", "frequency": "monthly", "due_day": 10, "jump_pct": 30,
                                "zones": zones, "indicators": indicators}, acting_user=reviewer)
    for month in (3, 4, 5):
        actions.open_filings(form, clock.today().year, month, acting_user=reviewer)
    return form, reviewer


def _queries(form, reviewer):
    with CaptureQueriesContext(connection) as ctx:
        data = grid.build(form, clock.today().year, reviewer)
    assert len(data["rows"]) == form.zones.count()
    return len(ctx.captured_queries)


def test_grid_queries_do_not_grow_with_zones(reviewer, indicators):
    small = _queries(*_form_over(3, reviewer, indicators))
    large = _queries(*_form_over(10, reviewer, indicators))
    assert small == large <= 4


def test_grid_shows_each_status_late_in_red_and_counts(filing, form, reviewer, statistician, zone, other_zone, june,
                                                       login):
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("100", "8"), FAI: ("50", "6")}), acting_user=statistician)
    june.move_to(clock.now().replace(day=12))  # past the 10th: the other zone's draft is late
    actions.submit_filing(filing, acting_user=statistician)  # submitted after the due day: late too
    client = login(reviewer)
    page = client.get(f"/returns/forms/{form.pk}/?year={clock.today().year}")
    html = page.content.decode()
    assert page.status_code == 200
    data = grid.build(form, clock.today().year, reviewer)
    may = data["columns"][0]  # the latest period first
    assert may.label == "1-5月" and may.counts["submitted"] == 1 and may.counts["draft"] == 1 and may.late == 2
    cells = {r["zone"].name: r["cells"][0] for r in data["rows"]}
    assert (cells[zone.name].label, cells[zone.name].late) == ("已报", True)
    assert (cells[other_zone.name].label, cells[other_zone.name].late) == ("未报", True)
    assert html.count('data-late="1"') == 2
    assert f'href="/returns/filings/{filing.pk}/"' in html
    # Months before May were never opened: shown as such, with the button to open them.
    assert data["columns"][-1].label == "1月" and data["columns"][-1].missing == 2 and "开启(2)" in html
