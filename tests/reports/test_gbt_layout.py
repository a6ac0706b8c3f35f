"""GB/T 9704-2012 in full: every kind of document, downloaded with a 版头 as an office would send it,
read back with python-docx: the red 发文机关标志, the 发文字号 with 〔〕, the red line, the 主送机关, the
版记 (抄送, 印发机关 and 印发日期, its lines), the table header repeated on every page; then rendered by
LibreOffice, page 1 of each kind saved under test-artifacts/gbt/<kind>.png to look at."""

import datetime
import io
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from tests.reports import data
from tests.reports.sample import sample_report
from tests.work.factories import PlanFactory, TaskFactory
from zonework.core import clock
from zonework.reports import docx_format as fmt
from zonework.reports import render
from zonework.reports.models import DocumentSettings, IssuedNumber

MARK = "武汉经济技术开发区管委会文件"
PRINTER = "武汉经济技术开发区管委会办公室"
LAYOUT = {"masthead": "on", "recipient": "各局、各街道、各园区", "copy_to": "市商务局，市统计局"}
needs_lo = pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")


@pytest.fixture
def settings_row(zone, leader):
    from zonework.reports import actions

    return actions.save_document_settings(zone, {"mark": MARK, "number_prefix": "武开", "printer": PRINTER,
                                                 "copy_to": "市政府办公厅", "first_number": 20,
                                                 "first_number_year": clock.today().year}, acting_user=leader)


# ---------------------------------------------------------------- reading a .docx back
def red(run):
    color = run._element.rPr.find(qn("w:color")) if run._element.rPr is not None else None
    return color is not None and color.get(qn("w:val")).upper() == "FF0000"


def borders(paragraph):
    pbdr = paragraph._p.pPr.find(qn("w:pBdr")) if paragraph._p.pPr is not None else None
    return {} if pbdr is None else {el.tag.split("}")[1]: el for el in pbdr}


def check_gbt(content, *, number, recipient=LAYOUT["recipient"], copy_to="抄送：市商务局，市统计局。"):
    """Assert the 版头, 主送机关 and 版记 of a downloaded .docx; returns the document."""
    document = docx.Document(io.BytesIO(content))
    paras = document.paragraphs
    mark = next(p for p in paras if p.text == MARK)
    assert all(red(r) for r in mark.runs), "发文机关标志 in red"
    assert mark.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert mark.alignment == fmt.WD_ALIGN_PARAGRAPH.CENTER
    assert mark.runs[0].font.size.pt >= 30  # large: 初号, narrowed to fit
    number_para = next(p for p in paras if p.text == number)
    assert re.fullmatch(r"武开〔\d{4}〕[1-9]\d*号", number_para.text)
    line = borders(number_para)["bottom"]  # the red separator line under the 发文字号
    assert line.get(qn("w:color")) == "FF0000" and line.get(qn("w:val")) == "single"
    # the title two lines below the red line, then 主送机关 左顶格 with a 全角 colon
    i = paras.index(number_para)
    assert [p.text for p in paras[i + 1:i + 3]] == ["", ""]
    main = next(p for p in paras if p.text == f"{recipient}：")
    assert main.paragraph_format.first_line_indent.pt == 0
    assert paras.index(main) > paras.index(number_para)
    # the 版记: the last table, 抄送 over 印发机关 and 印发日期, thick lines outside, a thin one between
    colophon = document.tables[-1]
    cells = [c.text for row in colophon.rows for c in row.cells]
    assert copy_to in cells
    assert PRINTER in cells
    assert any(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日印发", c) for c in cells)
    tbl_borders = colophon._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {el.tag.split("}")[1]: el.get(qn("w:sz")) for el in tbl_borders}
    assert sizes["top"] == sizes["bottom"] == "8" and sizes["insideH"] == "6"  # 0.35 mm and 0.25 mm
    return document


def header_repeats(table):
    tr_pr = table.rows[0]._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def save_page1(content, kind, tmp_path, artifacts_dir):
    folder = artifacts_dir / "gbt"
    folder.mkdir(exist_ok=True)
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(content)
    pdf = render.docx_to_pdf(source, tmp_path)
    png = render.pdf_first_page_png(pdf, folder / kind, dpi=80)
    assert png.exists() and png.stat().st_size > 10_000
    last = render.pdf_pages(pdf)  # and the last page, where the 版记 stands
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(last), "-l", str(last), str(pdf),
                    str(folder / f"{kind}_last")], check=True, timeout=60, capture_output=True)
    return pdf


def pdf_text(pdf, first=1, last=1):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext 未安装")
    out = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(pdf), "-"], capture_output=True,
                         text=True).stdout
    return out.replace(" ", "")


def word_bottoms(pdf, page):
    """{word: lowest yMax in pt from the top} on one page of the PDF (pdftotext -bbox)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext 未安装")
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True).stdout
    found = {}
    for y, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', out):
        found[word] = max(found.get(word, 0), float(y))
    return found


def colophon_at_the_foot(pdf):
    """The 版记's last line (印发机关 and 印发日期) on the last line of the last page's 版心."""
    words = word_bottoms(pdf, render.pdf_pages(pdf))
    printed = [y for w, y in words.items() if w.endswith("印发")]
    assert printed, "印发日期 on the last page"
    text_bottom = (297 - 35) / 25.4 * 72  # the 版心 ends 35 mm above the page's foot
    assert text_bottom - 30 < max(printed) <= text_bottom + 2


# ---------------------------------------------------------------- every kind of document
def download(client, zone, kind, year, month="", **extra):
    params = {"kind": kind, "zone": zone.pk, "year": year, "month": month, "format": "docx", **LAYOUT, **extra}
    response = client.get("/reports/download/", params)
    assert response.status_code == 200, response.content.decode()[:800]
    return response.content


@needs_lo
def test_summary_carries_the_zones_masthead_and_colophon(year_data, zone, leader, login, settings_row, tmp_path,
                                                         artifacts_dir):
    year = clock.today().year
    content = download(login(leader), zone, "summary", 2012)
    document = check_gbt(content, number=f"武开〔{year}〕20号")  # the office's first number this year
    assert any(header_repeats(t) for t in document.tables[:-1])
    pdf = save_page1(content, "summary", tmp_path, artifacts_dir)
    page1 = pdf_text(pdf)
    assert MARK in page1 and f"武开〔{year}〕20号" in page1 and "各局、各街道、各园区：" in page1
    colophon_at_the_foot(pdf)
    assert IssuedNumber.objects.get(zone=zone, year=year).number == 20


@needs_lo
def test_plan_document(year_data, zone, leader, login, settings_row, tmp_path, artifacts_dir):
    year = clock.today().year
    content = download(login(leader), zone, "plan", 2013, number=31, copy_to="")
    check_gbt(content, number=f"武开〔{year}〕31号", copy_to="抄送：市政府办公厅。")  # the zone's default 抄送
    colophon_at_the_foot(save_page1(content, "plan", tmp_path, artifacts_dir))


@needs_lo
def test_bulletin_table_header_repeats_and_names_stay_on_one_line(zone, units, leader, login, settings_row,
                                                                 no_charts, tmp_path, artifacts_dir):
    data.monthly(zone, 2012)
    data.target(zone, "规模以上工业总产值", 2012, value=2000)
    content = download(login(leader), zone, "bulletin", 2012, month=6)
    document = check_gbt(content, number=f"武开〔{clock.today().year}〕20号")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    assert header_repeats(table)
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    names = [r.cells[0].text for r in table.rows[1:]]
    longest = max(names, key=fmt._width_chars)
    first_col_pt = int(table._tbl.tblGrid.findall(qn("w:gridCol"))[0].get(qn("w:w"))) / 20
    assert first_col_pt >= fmt.cell_width_chars(longest) * 12 + fmt.CELL_PADDING_PT
    pdf = save_page1(content, "bulletin", tmp_path, artifacts_dir)
    colophon_at_the_foot(pdf)
    text = pdf_text(pdf, 1, render.pdf_pages(pdf))
    for name in names:  # each indicator name on one line of the rendered table
        assert name in text.split("\n"), name


@needs_lo
def test_supervision_notice_with_masthead(zone, units, supervisor, login, settings_row, tmp_path, artifacts_dir):
    from zonework.work import actions

    plan = PlanFactory(zone=zone, title="年度重点工作督办")
    task = TaskFactory(plan=plan, number="3", position=3, title="推进汽车零部件产业园二期建设",
                       lead_unit=units["invest"], support_units=[units["econ"]], leader="刘副主任")
    actions.assign_task(task, acting_user=supervisor, note="请每月25日前报送进展")
    response = login(supervisor).get(f"/reports/supervision-notice/{task.pk}/", {**LAYOUT, "urgency": "加急"})
    assert response.status_code == 200, response.content.decode()[:500]
    document = check_gbt(response.content, number=f"武开〔{clock.today().year}〕20号")
    assert document.paragraphs[0].text == "加急"  # 紧急程度 top left, 3号黑体
    colophon_at_the_foot(save_page1(response.content, "supervision_notice", tmp_path, artifacts_dir))


@needs_lo
def test_ranking_notice_with_masthead(zone, other_zone, leader, login, settings_row, tmp_path, artifacts_dir):
    from zonework.economy.models import Indicator, Observation
    from zonework.evaluation import actions

    year = clock.today().year - 1
    gdp, _ = Indicator.objects.get_or_create(name="地区生产总值", defaults={"unit": "亿元"})
    Observation.objects.create(zone=zone, indicator=gdp, year=year, ytd_value=900)
    scheme = actions.load_example_scheme(year=year)
    actions.recompute(scheme, year, acting_user=leader)
    client = login(leader)
    assert 'id="ranking-docx-masthead"' in client.get("/evaluation/").content.decode()
    response = client.get("/evaluation/", {"export": "docx", **LAYOUT, "number": 5})
    assert response.status_code == 200
    assert IssuedNumber.objects.get(zone=zone, year=clock.today().year).number == 5
    document = check_gbt(response.content, number=f"武开〔{clock.today().year}〕5号")
    assert header_repeats(document.tables[0])
    colophon_at_the_foot(save_page1(response.content, "ranking", tmp_path, artifacts_dir))


# ---------------------------------------------------------------- the writer's options on their own
def report_with(**masthead):
    report = sample_report(pages=1)
    report.masthead = fmt.Masthead(MARK, fmt.document_number("武开", 2013, 20), **masthead)
    report.recipient = "各局、各街道"
    report.colophon = fmt.Colophon("市商务局", PRINTER, datetime.date(2013, 1, 5))
    return report


def test_corner_lines_in_the_standards_order():
    document = docx.Document(io.BytesIO(fmt.write_docx(report_with(
        copy_number="000012", secrecy="秘密", secrecy_term="1年", urgency="特急"))))
    assert [p.text for p in document.paragraphs[:3]] == ["000012", "秘密★1年", "特急"]
    assert {p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) for p in document.paragraphs[:3]} == {"黑体"}


def test_upward_document_puts_the_signer_right_in_kaiti():
    document = docx.Document(io.BytesIO(fmt.write_docx(report_with(signer="张三"))))
    line = next(p for p in document.paragraphs if "签发人" in p.text)
    assert line.text == "武开〔2013〕20号\t签发人：张三"
    assert line.runs[-1].text == "张三" and line.runs[-1]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert line.paragraph_format.left_indent.pt == 16  # 发文字号 one character in from the left
    assert borders(line)["bottom"].get(qn("w:color")) == "FF0000"


@needs_lo
def test_letter_format(tmp_path, artifacts_dir):
    report = report_with(letter=True)
    report.masthead.mark = "武汉经济技术开发区管委会"
    content = fmt.write_docx(report)
    document = docx.Document(io.BytesIO(content))
    mark = document.sections[0].first_page_header.paragraphs[0]  # 30 mm from the page's top edge
    assert mark.text == "武汉经济技术开发区管委会" and red(mark.runs[0])
    assert borders(mark)["bottom"].get(qn("w:val")) == "thickThinSmallGap"  # 上粗下细 red double line
    assert "武开〔2013〕20号" in document.paragraphs[0].text
    foot = document.sections[0].first_page_footer.paragraphs[0]  # page 1: the lower double line, no number
    assert "PAGE" not in foot._p.xml
    lines = foot._p.xpath(".//wp:anchor/wp:positionV/wp:posOffset")  # 上细下粗, the lower 20 mm above the foot
    assert [round(int(el.text) / 36000) for el in lines] == [276, 277]
    colophon = document.tables[-1]
    assert [c.text for c in colophon.rows[0].cells][0] == "抄送：市商务局。" and len(colophon.rows) == 1
    pdf = save_page1(content, "letter", tmp_path, artifacts_dir)
    words = word_bottoms(pdf, 1)
    assert "—1—" not in pdf_text(pdf)  # page 1 of a letter is not numbered
    def y(prefix):
        return min(v for w, v in words.items() if w.startswith(prefix))

    assert y("武汉经济技术开发区管委会") < y("武开〔2013〕") < words["武汉经济技术开发区"]  # mark, number, title
    assert first_red_mm(pdf, tmp_path) == pytest.approx(30, abs=1.0)  # 信函: 30 mm from the page's top edge
    assert last_red_mm(tmp_path) == pytest.approx(297 - 20, abs=1.0)  # and its lower line 20 mm from the foot


@needs_lo
def test_a_long_table_repeats_its_header_on_page_two(tmp_path, artifacts_dir):
    report = sample_report(pages=1)
    report.add(fmt.Table(["指标", "1-12月", "同比(%)"], [[f"第{n}项指标：规模以上工业总产值（亿元）", str(n), "1.0"]
                                                        for n in range(1, 61)]))
    content = fmt.write_docx(report)
    pdf = save_page1(content, "long_table", tmp_path, artifacts_dir)
    pages = render.pdf_pages(pdf)
    assert pages >= 3
    for page in range(pages - 1, pages + 1):  # the table's last two pages start with its header
        lines = [x for x in pdf_text(pdf, page, page).split("\n") if x.strip()]
        assert lines[:2] == ["指标", "1-12月"] and "同比(%)" in lines[:4], (page, lines[:4])
    text = pdf_text(pdf, 1, pages)
    assert "第60项指标：规模以上工业总产值（亿元）" in text.split("\n")  # a name on one line


def test_preview_shows_the_same_masthead_and_colophon():
    page = fmt.render_html(report_with())
    assert '<p class="gw-mark" ' in page and MARK in page and "#FF0000" in page
    assert "武开〔2013〕20号" in page and "各局、各街道：" in page
    assert "抄送：市商务局。" in page and "2013年1月5日印发" in page and PRINTER in page


def test_without_options_a_document_keeps_its_look():
    document = docx.Document(io.BytesIO(fmt.write_docx(sample_report(pages=1))))
    assert document.paragraphs[0].text == "武汉经济技术开发区"  # the title still starts the page
    assert not any(red(r) for p in document.paragraphs for r in p.runs)
    assert len(document.tables) == 1


@pytest.mark.parametrize("header, rows, expect_first_fits", [
    (["指标", "1-6月累计", "同比(%)", "完成进度(%)", "时序进度(%)", "状态"],
     [["规模以上工业总产值（亿元）", "1020", "19.8", "51.0", "50.0", "绿灯"]], True),
    (["项目", "内容"], [["督办事项", "推进汽车零部件产业园二期建设" * 4]], True),
])
def test_column_widths_fit_the_names_and_fill_the_text_width(header, rows, expect_first_fits):
    widths = fmt.column_widths(header, rows)
    assert sum(widths) == pytest.approx(fmt.TEXT_WIDTH.pt)
    first_need = max(fmt._width_chars(r[0]) for r in rows) * 12 + fmt.CELL_PADDING_PT
    assert (widths[0] >= first_need) is expect_first_fits


def test_a_number_is_not_given_to_two_documents(zone, leader, settings_row):
    from zonework.reports import actions, official
    from zonework.reports.common import ReportError

    year = clock.today().year
    assert official.suggest_number(zone, year) == 20
    actions.issue_number(zone, year, 20, title="甲", text="武开〔x〕20号", acting_user=leader)
    assert official.suggest_number(zone, year) == 21
    again = actions.issue_number(zone, year, 20, title="甲", text="武开〔x〕20号", acting_user=leader)  # a reprint
    assert IssuedNumber.objects.filter(zone=zone, year=year).count() == 1 and again.number == 20
    with pytest.raises(ReportError, match="已用于《甲》，请改用21号"):
        actions.issue_number(zone, year, 20, title="乙", text="武开〔x〕20号", acting_user=leader)
    assert official.suggest_number(zone, year + 1) == 1  # a new year starts at 1


def test_a_taken_number_is_refused_on_the_page(year_data, zone, leader, login, settings_row):
    client = login(leader)
    download(client, zone, "summary", 2012, number=25)
    response = client.get("/reports/download/", {"kind": "plan", "zone": zone.pk, "year": 2013, "format": "docx",
                                                 **LAYOUT, "number": 25})
    assert response.status_code == 400
    assert "已用于《" in response.content.decode() and "请改用26号" in response.content.decode()


def test_bad_layout_values_get_chinese_messages(zone, leader, login, settings_row):
    response = login(leader).get("/reports/preview/", {"kind": "summary", "zone": zone.pk, "year": 2012,
                                                       **LAYOUT, "copy_number": "12", "secrecy_term": "1年"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "份号应为6位阿拉伯数字" in page and "请同时选择密级" in page


def test_settings_default_to_the_zones_issuer(zone, other_zone):
    from zonework.reports import official

    assert official.default_prefix(other_zone) == "宁高"  # 宁波国家高新区
    s = official.settings_for(zone)
    assert s.pk is None and s.mark == MARK and s.printer == PRINTER and s.number_prefix == "武开"
    assert not DocumentSettings.objects.exists()


def test_a_job_gives_each_zones_document_its_masthead_and_number(login, admin_user, zone, other_zone, year_data,
                                                          settings_row):
    from zonework.reports.models import ReportJob

    client = login(admin_user)
    response = client.post("/reports/jobs/", {"kind": "summary", "zones": [zone.pk, other_zone.pk], "year": 2012,
                                              **LAYOUT, "urgency": "特急"})
    assert response.status_code == 302, response.content.decode()[:800]
    job = ReportJob.objects.get()
    year = clock.today().year
    by_zone = {r["zone_id"]: r for r in job.results}
    assert not by_zone[zone.pk]["error"], by_zone[zone.pk]["error"]
    name = by_zone[zone.pk]["files"][0]["name"]
    content = b"".join(client.get(f"/reports/jobs/{job.pk}/files/{name}").streaming_content)
    document = check_gbt(content, number=f"武开〔{year}〕20号")
    assert document.paragraphs[0].text == "特急"
    assert IssuedNumber.objects.get(zone=zone, year=year).number == 20
    # the other zone has no figures for 2012: no document, so no number taken
    assert by_zone[other_zone.pk]["error"] and not IssuedNumber.objects.filter(zone=other_zone).exists()


@needs_lo
@pytest.mark.parametrize("signer, top_mm", [("", 37 + 35), ("张三", 37 + 80)])
def test_the_mark_stands_35_mm_below_the_text_area(tmp_path, signer, top_mm):
    """GB/T 9704 §7.2.3: the 发文机关标志's upper edge 35 mm below the 版心's (80 mm for a 上行文),
    measured on the rendered page: the first row of red pixels."""
    report = report_with(signer=signer)
    source = tmp_path / "mark.docx"
    fmt.write_docx(report, source)
    assert first_red_mm(render.docx_to_pdf(source, tmp_path), tmp_path) == pytest.approx(top_mm, abs=1.0)


def red_rows(png):
    from PIL import Image as PILImage

    image = PILImage.open(png).convert("RGB")
    pixels = image.load()
    width, height = image.size
    return [y for y in range(height) if sum(
        1 for x in range(0, width, 4) if pixels[x, y][0] > 200 and pixels[x, y][1] < 80 and pixels[x, y][2] < 80) > 3]


def last_red_mm(tmp_path):
    """How far below the page's top edge the last red pixels of page 1 (rendered by first_red_mm) are."""
    return red_rows(tmp_path / "p1.png")[-1] / 200 * 25.4


def first_red_mm(pdf, tmp_path):
    """How far below the page's top edge page 1's first red pixels are (the 机关标志's upper edge)."""
    from PIL import Image as PILImage

    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "p1")], check=True, timeout=60)
    image = PILImage.open(tmp_path / "p1.png").convert("RGB")
    pixels = image.load()
    width, height = image.size
    first_red = next(y for y in range(height) if any(
        pixels[x, y][0] > 200 and pixels[x, y][1] < 80 and pixels[x, y][2] < 80 for x in range(0, width, 2)))
    return first_red / 200 * 25.4


def test_the_reader_reads_a_document_with_masthead_as_without(year_data, zone, leader, settings_row, tmp_path):
    """The 版头, 主送 and 版记 are not read as figures, tasks or projects: the round trip still holds."""
    from tests.reports.conftest import TODAY
    from zonework.reading import read_path
    from zonework.reports import official, summary

    plain, dressed = tmp_path / "plain.docx", tmp_path / "dressed.docx"
    fmt.write_docx(summary.build(zone, 2012, user=leader, date=TODAY, now=TODAY), plain)
    report = summary.build(zone, 2012, user=leader, date=TODAY, now=TODAY)
    official.dress(report, zone, official.DocumentOptions(masthead=True, recipient="各局、各街道", urgency="加急",
                                                          copy_number="000001", secrecy="秘密"))
    fmt.write_docx(report, dressed)
    a, b = read_path(plain).to_dict(), read_path(dressed).to_dict()

    def records(d, key):  # the provenance's offsets move by the 版头's length; the records do not
        return [{k: v for k, v in r.items() if k != "provenance"} for r in d[key]]

    for key in ("results", "targets", "tasks", "projects"):
        assert records(b, key) == records(a, key), key
    assert a["results"]
