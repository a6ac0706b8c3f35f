"""The monthly economic bulletin: text, table, .xlsx and charts; and its bad input."""

import datetime
import io

import docx
import pytest
from openpyxl import load_workbook

from tests.reports import data
from zonework.reports import bulletin, charts
from zonework.reports.common import ReportError
from zonework.reports.docx_format import Image, write_docx

NOW = datetime.date(2012, 7, 20)


@pytest.fixture
def months(zone, units):
    rows = data.monthly(zone, 2012)
    data.target(zone, "规模以上工业总产值", 2012, value=2000)
    data.target(zone, "固定资产投资", 2012, growth=25)
    return rows


def build(zone, user, month=6, now=NOW, **kw):
    return bulletin.build(zone, 2012, month, user=user, date=now, now=now, **kw)


def test_text_gives_progress_against_time(months, zone, leader, no_charts):
    text = build(zone, leader).report.plain_text()
    assert "2012年1-6月经济运行情况" in text
    assert ("1-6月，全区完成规模以上工业总产值1020亿元，同比增长19.8%；其中6月当月完成170亿元。"
            "年度目标不低于2000亿元，完成年度目标的51%，快于时序进度1个百分点（绿灯）。") in text
    assert "固定资产投资108亿元，同比增长16%" in text
    assert "增速低于目标9个百分点（红灯）" in text
    assert "需要关注的问题" in text


def test_table_and_xlsx_columns(months, zone, leader, no_charts):
    result = build(zone, leader)
    wb = load_workbook(io.BytesIO(result.xlsx()))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header == ["指标", "单位", "本月", "1-N月累计", "同比(%)", "目标", "完成进度(%)", "时序进度(%)", "灯", "来源"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["规模以上工业总产值"][2:5] == (170, 1020, 19.8)
    assert rows["规模以上工业总产值"][6:9] == (51, 50, "绿灯")
    assert rows["固定资产投资"][8] == "红灯"
    assert "完成进度" in wb["说明"]["A2"].value


def test_without_a_renderer_the_page_says_so_and_the_document_does_not(months, zone, leader, no_charts):
    result = build(zone, leader)
    assert "本期未附图表：测试中不生成图表；图表数据见Excel附表。" in result.report.notes
    assert "图表" not in result.report.plain_text().split("主要经济指标完成情况表")[-1]
    assert "服务器" not in result.report.plain_text() and "未附图表" not in result.report.plain_text()
    assert not [b for b in result.report.blocks if isinstance(b, Image)]


@pytest.mark.skipif(charts.ssr_reason() is not None, reason="Node / ECharts / SVG 转换不可用")
def test_charts_are_drawn_without_a_browser(months, zone, leader, monkeypatch, artifacts_dir):
    """Node's server-side ECharts draws the charts even where Chromium and Playwright are absent."""
    monkeypatch.setattr(charts, "browser_reason", lambda: "服务器未安装Chromium浏览器")
    monkeypatch.setattr(charts, "_render_browser", lambda *a: pytest.fail("the browser must not be started"))
    result = build(zone, leader)
    images = [b for b in result.report.blocks if isinstance(b, Image)]
    assert [i.caption for i in images] == ["图1  1-6月主要指标完成进度与时序进度", "图2  2012年主要指标累计同比增速"]
    assert all(i.png.startswith(b"\x89PNG") and len(i.png) > 5000 for i in images)
    assert result.report.notes == [] or not any("图表" in n for n in result.report.notes)
    (artifacts_dir / "reports_bulletin_chart1_ssr.png").write_bytes(images[0].png)
    svg = charts.render_svg([charts.progress_chart(["地区生产总值"], [55.0], 50.0, "完成进度")])[0]
    assert svg.startswith("<svg") and "地区生产总值" in svg and "时序进度 50.0%" in svg


@pytest.mark.skipif(charts.unavailable_reason() is not None, reason="Chromium / ECharts 不可用")
def test_charts_are_embedded_as_png(months, zone, leader, artifacts_dir):
    result = build(zone, leader)
    images = [b for b in result.report.blocks if isinstance(b, Image)]
    assert [i.caption for i in images] == ["图1  1-6月主要指标完成进度与时序进度", "图2  2012年主要指标累计同比增速"]
    assert all(i.png.startswith(b"\x89PNG") for i in images)
    (artifacts_dir / "reports_bulletin_chart1.png").write_bytes(images[0].png)
    document = docx.Document(io.BytesIO(write_docx(result.report)))
    assert len(document.inline_shapes) == 2


def test_future_month_is_refused(months, zone, leader):
    with pytest.raises(ReportError) as exc:
        build(zone, leader, month=8)
    assert exc.value.messages == ["2012年8月尚未到来，不能生成该月的月报。"]


def test_month_without_statistics_gives_a_message(months, zone, leader):
    with pytest.raises(ReportError) as exc:
        build(zone, leader, month=7)
    assert exc.value.messages == ["武汉经济技术开发区2012年1-7月暂无统计数据，未生成月报。"]


@pytest.mark.parametrize("month, message", [(0, "月份0无效，应为1至12。"), (13, "月份13无效，应为1至12。"),
                                            (None, "经济运行月报须选择月份。")])
def test_bad_month(months, zone, leader, month, message):
    with pytest.raises(ReportError) as exc:
        build(zone, leader, month=month)
    assert exc.value.messages == [message]
