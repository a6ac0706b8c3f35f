"""The project import is set-based: its query count does not grow with the rows, every project it
creates or changes has its audit entry (with before and after), the chain verifies, and a bad row or
a failure in the write leaves nothing written."""

import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from zonework.core.audit import verify_chain
from zonework.core.models import AuditEntry
from zonework.investment import actions, excel
from zonework.investment.models import InvestmentProject, StageChange

pytestmark = pytest.mark.django_db

HEADER = ["编号", "项目名称", "投资方", "责任单位", "协议投资额（万）", "币种", "阶段"]


def workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "projects.xlsx"
    return buf


def new_rows(count, prefix="项目"):
    return [[None, f"{prefix}{n}", "某投资方", "招商局", 100 + n, "人民币", "签约"] for n in range(count)]


def run(rows, zone, user):
    return excel.import_projects(workbook(rows), zone=zone, acting_user=user)


def queries(rows, zone, user):
    with CaptureQueriesContext(connection) as captured:
        run(rows, zone, user)
    return len(captured)


def batches(rows):
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    size = min(actions._IMPORT_BATCH, connection.ops.bulk_batch_size(fields, [None] * rows) or rows)
    return -(-rows // size)


def entries(model, action):
    return AuditEntry.objects.filter(content_type__model=model, action=action)


def test_query_count_grows_with_the_batches_not_the_rows(zone, admin_user):
    small = queries(new_rows(50, "甲"), zone, admin_user)
    large = queries(new_rows(500, "乙"), zone, admin_user)
    # Four writes a batch at most: projects, their first stage changes, two batches of audit entries.
    # Ten times the rows (450 more): a handful more queries, one per extra batch.
    assert large - small <= 4 * (batches(1500) - batches(150)), (small, large)


def test_every_project_has_its_entries_and_the_chain_verifies(zone, admin_user):
    assert run(new_rows(80), zone, admin_user) == {"created": 80, "updated": 0}
    assert InvestmentProject.objects.filter(zone=zone).count() == 80
    assert StageChange.objects.filter(project__zone=zone, to_stage="signed").count() == 80
    assert entries("investmentproject", "create").count() == 80
    assert entries("stagechange", "create").count() == 80
    assert AuditEntry.objects.filter(event="project.created").count() == 80
    # Re-import with ids: 79 rows as they are, one with a new investor.
    projects = list(InvestmentProject.objects.filter(zone=zone).order_by("pk"))
    rows = [[p.pk, p.name, "某投资方", "招商局", p.agreed_investment, "人民币", "签约"] for p in projects]
    rows[7][2] = "东风汽车集团"
    assert run(rows, zone, admin_user) == {"created": 0, "updated": 80}
    update = entries("investmentproject", "update").get()
    assert update.object_id == str(projects[7].pk)
    assert update.changes == [{"field": "investor", "before": "某投资方", "after": "东风汽车集团"}]
    assert update.before["investor"] == "某投资方" and update.after["investor"] == "东风汽车集团"
    assert update.user_name == admin_user.username and update.zone_name == zone.name
    broken, _head, total = verify_chain()
    assert broken is None and total == AuditEntry.objects.count()


def test_a_bad_row_refuses_the_file_and_writes_nothing(zone, admin_user):
    rows = new_rows(30)
    rows[17][4] = -5  # refused as the cell is read
    rows[20][0] = 99999  # refused by the action: no such project
    count = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        run(rows, zone, admin_user)
    assert refused.value.messages == ["第19行：协议投资额不能为负数（-5）。",
                                      "第22行：找不到编号为99999的项目（或不在您的数据范围内）。"]
    assert not InvestmentProject.objects.exists() and AuditEntry.objects.count() == count


def test_a_failure_in_the_write_leaves_nothing(zone, admin_user):
    count = AuditEntry.objects.count()
    failing = mock.patch("zonework.core.audit._insert_entries", side_effect=RuntimeError("disk full"))
    with failing, pytest.raises(RuntimeError):
        run(new_rows(40), zone, admin_user)
    assert not InvestmentProject.objects.exists() and not StageChange.objects.exists()
    assert AuditEntry.objects.count() == count and verify_chain()[0] is None


def test_a_stage_moved_on_import_goes_through_its_rules(zone, admin_user):
    run(new_rows(3), zone, admin_user)
    first = InvestmentProject.objects.order_by("pk").first()
    # 签约 back to 洽谈 without a reason is refused, and the whole file with it.
    with pytest.raises(ValidationError) as refused:
        run([[first.pk, first.name, "某投资方", "招商局", 100, "人民币", "洽谈"]], zone, admin_user)
    assert "须填写原因" in refused.value.messages[0] and refused.value.messages[0].startswith("第2行")
    first.refresh_from_db()
    assert first.stage == "signed"


def test_the_currency_of_a_project_with_money_paid_in_cannot_change_on_import(zone, admin_user):
    run(new_rows(2), zone, admin_user)
    first = InvestmentProject.objects.order_by("pk").first()
    actions.record_paid_in(first, first.stage_date.replace(day=1), 50, acting_user=admin_user)
    with pytest.raises(ValidationError) as refused:
        run([[first.pk, first.name, "某投资方", "招商局", 100, "美元", "签约"]], zone, admin_user)
    assert refused.value.messages == ["第2行：该项目已按原币种登记到位资金，不能更改协议币种。"]
    first.refresh_from_db()
    assert first.currency == "CNY"


def test_each_field_the_sheet_sets_is_still_checked_on_create_and_on_update(zone, admin_user):
    # The field checks run on the columns a row sets (not on every field): a too long name on a new
    # row and a too long investor on an updated one are both refused, with the row's number.
    rows = new_rows(3)
    rows[1][1] = "长" * 201
    with pytest.raises(ValidationError) as refused:
        run(rows, zone, admin_user)
    assert len(refused.value.messages) == 1 and refused.value.messages[0].startswith("第3行")
    assert "200" in refused.value.messages[0] and not InvestmentProject.objects.exists()
    run(new_rows(2), zone, admin_user)
    first = InvestmentProject.objects.order_by("pk").first()
    with pytest.raises(ValidationError) as refused:
        run([[first.pk, first.name, "投" * 201, "招商局", 100, "人民币", "签约"]], zone, admin_user)
    assert refused.value.messages[0].startswith("第2行") and "200" in refused.value.messages[0]
    first.refresh_from_db()
    assert first.investor == "某投资方"
