"""The list export's fast path: the same rows as django-tables2's as_values() for every kind of column the
lists use (choices, links, rendered names, many-to-many, sources, blanks), and a workbook that reads
back as the list shows it, with formula-like texts kept as text."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test.client import RequestFactory
from openpyxl import load_workbook

from tests.economy.factories import ObservationFactory, TargetFactory, indicator
from tests.investment.factories import make_project
from zonework.core import clock
from zonework.core.excel import FORMULA_STARTS, table_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def same_as_tables2(table_class, queryset, user):
    """The export's rows, read from the values and from the instances, are django-tables2's own."""
    fast = table_rows(table_class(queryset, request=request_of(user)))
    instances = table_rows(table_class(queryset, request=request_of(user)), from_values=False)
    slow = [list(r) for r in table_class(queryset, request=request_of(user)).as_values()]
    assert fast == slow
    assert instances == slow
    return fast


def exported_lists():
    """Every list page whose export is its table (not an import workbook), found from the views."""
    import importlib
    import pkgutil

    import zonework
    from zonework.core.views.generic import ObjectListView

    for module in pkgutil.walk_packages(zonework.__path__, "zonework."):
        if module.name.endswith(".views") or ".views." in module.name:
            importlib.import_module(module.name)
    found, todo = [], [ObjectListView]
    while todo:
        for view in todo.pop().__subclasses__():
            todo.append(view)
            if view.table_class is not None and view.export_workbook is None:
                found.append(view)
    return found


def test_every_list_table_exports_what_django_tables2_gives(admin_user, unit_user, zone, units):
    from zonework.core.models import AuditEntry, Unit, User
    from zonework.core.tables import AuditEntryTable, UnitTable, UserTable
    from zonework.economy.models import Observation, Target
    from zonework.economy.tables import ObservationTable, TargetTable
    from zonework.investment.models import InvestmentProject
    from zonework.investment.tables import InvestmentProjectTable

    gdp = indicator("gdp")
    ObservationFactory(zone=zone, indicator=gdp, year=2025, month=6, ytd_value=Decimal("512.30"), yoy_pct=None)
    ObservationFactory(zone=zone, indicator=indicator("tax_revenue"), year=2025, month=None, ytd_value=Decimal("-3"))
    TargetFactory(zone=zone, indicator=gdp, year=2025)
    make_project(admin_user, zone, units["invest"], '=HYPERLINK("http://x")项目', amount=650000, officer=unit_user)
    make_project(admin_user, zone, units["econ"], "经信局项目")

    rows = same_as_tables2(ObservationTable, Observation.objects.select_related("zone", "indicator"), admin_user)
    assert len(rows) == 3 and any("地区生产总值" in str(v) for v in rows[1] + rows[2])
    same_as_tables2(TargetTable, Target.objects.select_related("zone", "indicator"), admin_user)
    projects = same_as_tables2(InvestmentProjectTable, InvestmentProject.objects.all(), admin_user)
    assert any("线索" in str(v) for row in projects[1:] for v in row)  # a choice shows its label
    same_as_tables2(UnitTable, Unit.objects.all(), admin_user)
    same_as_tables2(UserTable, User.objects.all(), admin_user)  # roles: many-to-many
    same_as_tables2(AuditEntryTable, AuditEntry.objects.order_by("-pk")[:50], admin_user)


def test_the_workbook_reads_back_as_the_rows_with_formula_like_texts_as_text():
    rows = [["名称", "金额", "日期", "时间", "标记"],
            ['=HYPERLINK("http://evil.example")', Decimal("-2.5"), datetime.date(2026, 3, 31),
             datetime.datetime(2026, 3, 31, 8, 30), True],
            ["+86 27 8888", 7, None, None, False]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes("统计数据", rows))).active
    assert sheet.title == "统计数据" and sheet.freeze_panes == "A2"
    got = [[c.value for c in row] for row in sheet.iter_rows()]
    assert got[0] == rows[0]
    assert got[1][:2] == ['=HYPERLINK("http://evil.example")', -2.5] and got[1][4] is True
    assert got[1][2].date() == datetime.date(2026, 3, 31) and got[1][3] == datetime.datetime(2026, 3, 31, 8, 30)
    assert got[2][:2] == ["+86 27 8888", 7] and got[2][2] is None
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                assert cell.data_type == "s" and cell.quotePrefix


def test_a_list_export_gives_the_filtered_rows_as_a_workbook(login, admin_user, zone):
    gdp = indicator("gdp")
    for month in (1, 2, 3):
        ObservationFactory(zone=zone, indicator=gdp, year=2025, month=month, ytd_value=Decimal(month * 100))
    response = login(admin_user).get("/economy/observations/", {"export": "xlsx", "month": 2})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and 200 in values[1]


# The lists whose export reads only the exported columns' values (no model instances); the others have a
# column whose export value needs the record (a count, a property, the audit's change lines).
READ_FROM_VALUES = {"ZoneTable", "ParkTable", "UnitTable", "IndicatorTable", "TargetTable", "ObservationTable",
                    "TrackedIndicatorTable", "AssessmentTable"}


def test_every_exported_list_gives_the_same_rows_from_values_as_from_instances(admin_user, unit_user, zone,
                                                                                   other_zone, units):
    from tests.enterprises.factories import make_enterprise, make_request
    from tests.factories import ParkFactory
    from tests.work.factories import PlanFactory, TaskFactory
    from zonework.core.excel import values_plan
    from zonework.economy import actions as economy_actions

    gdp, tax = indicator("gdp"), indicator("tax_revenue")
    ObservationFactory(zone=zone, indicator=gdp, year=2025, month=6, ytd_value=Decimal("512.30"), yoy_pct=None,
                       unit=units["invest"])
    ObservationFactory(zone=other_zone, indicator=tax, year=2025, month=None, ytd_value=Decimal("-3"))
    TargetFactory(zone=zone, indicator=gdp, year=2025)
    economy_actions.track_indicators(zone, [gdp, tax], acting_user=admin_user)
    ParkFactory(zone=zone, name="=SUM(A1)园")
    make_request(admin_user, make_enterprise(admin_user, zone, units["invest"]), units["invest"])
    TaskFactory(plan=PlanFactory(zone=zone), lead_unit=units["invest"])
    make_project(admin_user, zone, units["invest"], "整车厂三期", amount=650000, officer=unit_user)

    views = exported_lists()
    assert {v.table_class.__name__ for v in views} >= READ_FROM_VALUES | {"UserTable", "AuditEntryTable"}
    for view in views:
        queryset = view.model._default_manager.all()
        rows = same_as_tables2(view.table_class, queryset, admin_user)
        assert len(rows[0]) > 1
        table = view.table_class(queryset, request=request_of(admin_user))
        assert (values_plan(table) is not None) == (view.table_class.__name__ in READ_FROM_VALUES), view


def test_the_export_reads_the_same_number_of_queries_for_10_rows_as_for_200(login, admin_user, zone):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zonework.economy.models import Observation

    indicators = [indicator("gdp"), indicator("tax_revenue")]
    client = login(admin_user)

    def export():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/economy/observations/", {"export": "xlsx"})
            sheet = load_workbook(io.BytesIO(response.getvalue())).active
        return len(queries), sheet.max_row - 1

    def observations(first, last):
        for n in range(first, last):
            ObservationFactory(zone=zone, indicator=indicators[n % 2], year=clock.today().year - 1 - n // 24,
                               month=n // 2 % 12 + 1)

    observations(0, 10)
    export()  # the first request after the login also saves the session
    few, listed = export()
    assert listed == 10
    observations(10, 200)
    assert Observation.objects.count() == 200
    many, listed = export()
    assert listed == 200 and many == few
