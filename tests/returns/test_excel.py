"""The Excel the system generates for a filing: downloaded, filled in, uploaded back."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from zonework.core.excel import workbook_bytes
from zonework.returns import actions
from zonework.returns.excel import FIRST_ROW, build_filing

from .conftest import figure


def _filled(filing, values):
    wb = build_filing(filing)
    ws = wb["数据填报"]
    for row in ws.iter_rows(min_row=FIRST_ROW):
        if row[0].value in values:
            row[2].value, row[3].value, row[4].value = values[row[0].value]
    return workbook_bytes(wb)


def test_the_filled_workbook_fills_the_filing(filing, statistician):
    wb = load_workbook(io.BytesIO(workbook_bytes(build_filing(filing))))
    names = [r[0].value for r in wb["数据填报"].iter_rows(min_row=FIRST_ROW)]
    assert names == ["规模以上工业总产值", "固定资产投资"]
    data = _filled(filing, {"规模以上工业总产值": (820.5, 12.5, ""), "固定资产投资": (150, 8, "按统计局快报")})
    actions.upload_filing(filing, data, acting_user=statistician)
    out = figure(filing, "industrial_output_above_scale")
    assert (str(out.ytd_value), str(out.yoy_pct)) == ("820.5000", "12.5000")
    assert figure(filing, "fixed_asset_investment").note == "按统计局快报"


def test_a_bad_cell_or_another_filings_workbook_is_refused(filing, form, reviewer, statistician, other_zone):
    data = _filled(filing, {"规模以上工业总产值": ("很多", 12.5, "")})
    with pytest.raises(ValidationError, match="“规模以上工业总产值”1-N月累计“很多”不是数字"):
        actions.upload_filing(filing, data, acting_user=statistician)
    other = form.filings.get(zone=other_zone)
    with pytest.raises(ValidationError, match="该文件是另一份填报（宁波国家高新区）的"):
        actions.upload_filing(filing, workbook_bytes(build_filing(other)), acting_user=statistician)
    with pytest.raises(ValidationError, match="不是有效的Excel"):
        actions.upload_filing(filing, b"not a workbook", acting_user=statistician)
    assert figure(filing, "industrial_output_above_scale").ytd_value is None
