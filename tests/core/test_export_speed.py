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
from zonework.core.excel import FORMULA_STARTS, table_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def same_as_tables2(table_class, queryset, user):
    fast = table_rows(table_class(queryset, request=request_of(user)))
    slow = [list(r) for r in table_class(queryset, request=request_of(user)).as_values()]
    assert fast == slow
    return fast


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
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and 200 in values[1]
