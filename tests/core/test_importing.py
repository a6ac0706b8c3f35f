"""The Excel import engine every app uses: what staff see when they upload a sheet.

A small sheet of parks stands in for any app's sheet: the engine is the same for projects,
enterprises and tasks (their own tests show it through their pages).
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from zonework.core import actions
from zonework.core import importing as xl
from zonework.core.models import Park

COLUMNS = [
    xl.id_column(),
    xl.Column("名称", "name", required=True),
    xl.Column("面积（平方公里）", "area_km2", xl.Number(non_negative=True)),
    xl.Column("对接单位", "contact_units", xl.zone_units(many=True)),
]


def sheet(*rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def save_park(row, ctx):
    data = {k: v for k, v in row.data.items() if k in ("name", "area_km2")}
    park = xl.existing(Park.objects.all(), row, ctx, "园区")
    if park is None:
        actions.create_park({"zone": ctx.zone, **data}, acting_user=ctx.acting_user)
        return True
    actions.update_park(park, data, acting_user=ctx.acting_user)
    return False


def import_parks(file, zone, user):
    return xl.import_file(file, COLUMNS, save_park, zone=zone, acting_user=user)


# --- the header row ---------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "found"), [
    (["编号", "名称", "面积（平方公里）"], {"id", "name", "area_km2"}),
    (["面积(平方公里)", " 名 称 "], {"name", "area_km2"}),        # half-width brackets, stray spaces, any order
    (["名称", "备注", "审核人"], {"name"}),                          # columns the sheet does not declare are ignored
])
def test_columns_are_found_by_header(header, found):
    rows = xl.read_workbook(sheet(header, ["x"] * len(header)), COLUMNS)
    assert set(rows[0].cells) == found


@pytest.mark.parametrize(("rows", "message"), [
    ([["编号", "面积（平方公里）"], [1, 2]], "第1行（表头）缺少必需的列：名称。请使用导出的表格作为模板。"),
    ([["名称", "名称"], ["a", "b"]], "第1行（表头）：列“名称”出现了两次。"),
    ([], "Excel文件是空的：第1行应为表头。"),
    ([["名称"], [None], ["  "]], "Excel文件中除表头外没有数据行。"),
])
def test_a_sheet_that_cannot_be_read_is_refused_in_chinese(rows, message):
    with pytest.raises(ValidationError) as exc:
        xl.read_workbook(sheet(*rows), COLUMNS)
    assert exc.value.messages == [message]


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ValidationError) as exc:
        xl.read_workbook(io.BytesIO(b"name,area\n"), COLUMNS)
    assert "无法读取Excel文件" in exc.value.messages[0]


def test_rows_are_numbered_as_excel_shows_them_and_blank_rows_are_skipped():
    rows = xl.read_workbook(sheet(["名称"], ["甲园"], [None], ["乙园"]), COLUMNS)
    assert [(r.number, r.cells["name"]) for r in rows] == [(2, "甲园"), (4, "乙园")]


# --- reading one cell -------------------------------------------------------------------------

CHOICE = xl.Choice([("cny", "人民币"), ("usd", "美元")], aliases={"万元": "cny"})


@pytest.mark.parametrize(("reader", "cell", "expected"), [
    (xl.Text(), 36.0, "36"),                                   # a code typed into a number cell
    (xl.Text(), "  东风  ", "东风"),
    (xl.Number(), "1,234.5", Decimal("1234.5")),
    (xl.Number(), "１２３４．５", Decimal("1234.5")),            # full-width digits
    (xl.Number(), "8.5%", Decimal("8.5")),
    (xl.Number(), "—", None),                                  # "no figure"
    (xl.Number(blank=Decimal(0)), None, Decimal(0)),
    (xl.Number(integer=True), 25.0, 25),
    (xl.Date(), "2026/3/31", datetime.date(2026, 3, 31)),
    (xl.Date(), "2026年3月31日", datetime.date(2026, 3, 31)),
    (xl.Date(), datetime.datetime(2026, 3, 31, 0, 0), datetime.date(2026, 3, 31)),
    (xl.YesNo(), "是", True),
    (xl.YesNo(), "√", True),
    (xl.YesNo(), None, False),
    (CHOICE, "美元", "usd"),
    (CHOICE, "usd", "usd"),
    (CHOICE, "万元", "cny"),
    (CHOICE, "", xl.KEEP),                                     # blank: the field stays as it is
])
def test_a_cell_reads_as_staff_type_it(reader, cell, expected):
    assert reader.read(cell, "金额", None) == expected


@pytest.mark.parametrize(("reader", "cell", "message"), [
    (xl.Number(), "很多", "金额“很多”不是数字。"),
    (xl.Number(non_negative=True), -5, "金额不能为负数（-5）。"),
    (xl.Number(integer=True), "2.5", "金额“2.5”应为整数。"),
    (xl.Date(), "2026-02-30", "金额“2026-02-30”不是有效的日期（该日不存在）。"),
    (xl.YesNo(), "也许", "金额应填“是”或“否”，不是“也许”。"),
    (CHOICE, "欧元", "金额“欧元”无效，应为：人民币、美元。"),
])
def test_a_bad_cell_gets_its_own_chinese_message(reader, cell, message):
    with pytest.raises(ValueError) as exc:
        reader.read(cell, "金额", None)
    assert str(exc.value) == message


def test_units_are_found_by_name_or_alias_within_the_zone(zone, units, admin_user):
    ctx = xl.ImportContext(zone=zone, acting_user=admin_user)
    reader = xl.zone_units(many=True)
    assert reader.read("招商局、经济和信息化局", "对接单位", ctx) == [units["invest"], units["econ"]]
    with pytest.raises(ValueError) as exc:
        reader.read("招商局、火星局、水星局", "对接单位", ctx)
    assert str(exc.value) == "找不到对接单位“火星局、水星局”。"


# --- a whole file -----------------------------------------------------------------------------


def test_any_bad_row_saves_nothing_and_every_problem_is_listed_by_row(zone, units, admin_user):
    file = sheet(["名称", "面积（平方公里）", "对接单位"],
                 ["好园区", 3, "招商局"],
                 ["", -2, "火星局"],
                 ["文字面积园", "很大", ""])
    with pytest.raises(ValidationError) as exc:
        import_parks(file, zone, admin_user)
    assert exc.value.messages == [
        "第3行：名称不能为空；面积不能为负数（-2）；找不到对接单位“火星局”。",
        "第4行：面积“很大”不是数字。",
    ]
    assert not Park.objects.exists()


def test_the_model_rules_refuse_a_row_with_the_row_number(zone, units, admin_user):
    Park.objects.create(zone=zone, name="已有园区")
    with pytest.raises(ValidationError) as exc:
        import_parks(sheet(["名称"], ["新园区"], ["已有园区"]), zone, admin_user)
    assert len(exc.value.messages) == 1 and exc.value.messages[0].startswith("第3行：")
    assert not Park.objects.filter(name="新园区").exists()


def test_a_row_with_an_id_updates_and_only_the_columns_in_the_sheet_change(zone, units, admin_user):
    park = Park.objects.create(zone=zone, name="车城园", area_km2=Decimal("12.5"))
    counts = import_parks(sheet(["编号", "名称"], [park.pk, "车城产业园"], [None, "新园"]), zone, admin_user)
    assert counts == {"created": 1, "updated": 1}
    park.refresh_from_db()
    assert (park.name, park.area_km2) == ("车城产业园", Decimal("12.5"))


def test_an_id_of_another_zone_is_not_found(zone, other_zone, units, admin_user):
    far = Park.objects.create(zone=other_zone, name="宁波园")
    with pytest.raises(ValidationError) as exc:
        import_parks(sheet(["编号", "名称"], [far.pk, "改名"]), zone, admin_user)
    assert exc.value.messages == [f"第2行：找不到编号为{far.pk}的园区（或不在您的数据范围内）。"]
    far.refresh_from_db()
    assert far.name == "宁波园"


def test_a_user_without_the_permission_is_refused_row_by_row(zone, units, unit_user):
    with pytest.raises(ValidationError) as exc:
        import_parks(sheet(["名称"], ["越权园"]), zone, unit_user)
    assert exc.value.messages[0].startswith("第2行：您没有新增园区的权限")
    assert not Park.objects.exists()


def test_the_export_is_the_import_layout(zone, units, admin_user):
    park = Park.objects.create(zone=zone, name="车城园", area_km2=Decimal("12.50"))
    columns = [*COLUMNS[:3], xl.Column("开发区", "zone", xl.Lookup(lambda ctx: [zone]), read_only=True)]
    wb = xl.export_workbook("园区", columns, [park])
    buf = io.BytesIO()
    wb.save(buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert [c.value for c in ws[1]] == ["编号", "名称", "面积（平方公里）", "开发区"]
    assert [c.value for c in ws[2]] == [park.pk, "车城园", 12.5, zone.name]
    buf.seek(0)
    ws.cell(row=2, column=2, value="车城产业园")
    edited = io.BytesIO()
    ws.parent.save(edited)
    edited.seek(0)
    assert import_parks(edited, zone, admin_user) == {"created": 0, "updated": 1}
    park.refresh_from_db()
    assert (park.name, park.area_km2) == ("车城产业园", Decimal("12.5"))
