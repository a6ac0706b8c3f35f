"""Text repair: what PDF extraction, reposts and scrapers did to a report is undone before reading."""

from zonework.reading import read_text
from zonework.reading.normalise import normalise
from zonework.reading.repair import _width

WRAPPED = ("一、2019年工作回顾\n"
           "一年来,我们按照市委工作体系和区委工作思路,砥砺奋进、埋头苦干,全力以赴抓贯彻、抓推\n"
           "进、抓落实、抓成效,各项建设迈出坚实步伐。综合实力不断提升,初步预计全区地区生产总值增\n"
           "长7%、固定资产投资增长20%;完成一般公共预算收入108.3亿元,增长5.4%;其中税收收入97.4亿\n"
           "元,占比达到89.9%。重点项目完成投资827亿元,完成年计划的103%。全市重点项目建设观摩评议\n"
           "中获得第三名。先进制造业加速集聚,产业园加快建设,空天信息项目破土动工,科技城、生命科学\n"
           "创新中心等项目加快推进,新动能持续壮大,高质量发展基础进一步夯实,发展后劲持续增强。开放\n"
           "合作不断深化,营商环境持续优化,市场主体活力进一步激发,新登记市场主体数量创历史新高。城市\n"
           "建设扎实推进,城乡面貌持续改善,民生保障不断加强,群众获得感幸福感安全感进一步提升。全年\n"
           "各项目标任务圆满完成。\n")


def test_hard_wrapped_lines_are_read_as_paragraphs():
    """A figure cut by a line end ("增\\n长7%", "97.4亿\\n元") is read whole."""
    out = {(r["indicator"], r["value"], r["growth_pct"]) for r in read_text(WRAPPED).results}
    assert out == {("地区生产总值", None, 7.0), ("固定资产投资", None, 20.0), ("一般公共预算收入", 108.3, 5.4),
                   ("税收收入", 97.4, None)}


def test_text_with_paragraph_lines_is_not_joined():
    text = "一、总结\n全年完成地区生产总值100亿元,增长8%\n二、安排\n地区生产总值增长9%。"
    assert normalise(text).text == text


def test_watermark_tokens_of_a_repost_are_dropped():
    text = "政府工作报告4kA\n各位代表:4kA\n4kA\n现在,我代表区人民政府报告工作。4kA\n一、2019年工作回顾4kA\n"
    assert normalise(text).text == "政府工作报告\n各位代表:\n\n现在,我代表区人民政府报告工作。\n一、2019年工作回顾\n"


def test_ordinary_latin_words_are_not_watermarks():
    text = "推进5G建设。\n建成5G基站。\n发展GDP核算。\n"
    assert normalise(text).text == text


def test_broken_entities_and_question_marks_are_cleaned():
    assert normalise("按照市委“1+474&rdq\nuo;工作体系").text == "按照市委“1+474”工作体系"
    assert normalise("2021年11月22日????????\n").text == "2021年11月22日\n"


def test_spaces_in_numbers_and_before_units_are_closed_up():
    norm = normalise("2014 年,地方一般预算收入26.03 亿元,增长 0. 5%;社会消费品零售总额增长20.2 %")
    assert norm.text == "2014年,地方一般预算收入26.03亿元,增长0.5%;社会消费品零售总额增长20.2%"
    start = norm.text.index("0.5%")
    s, e = norm.span_to_original(start, start + 4)
    assert norm.original[s:e] == "0. 5%"


def test_spaces_between_table_cells_stay():
    text = "序号 项目名称 投资 金额 备注 1 电子产品项目 工业 1.5亿元"
    assert normalise(text).text == text


def test_letter_spaced_title_is_closed_up():
    assert normalise("政 府 工 作 报 告\n").text == "政府工作报告\n"


def test_page_numbers_and_running_headers_of_a_pdf_are_dropped():
    page = "某开发区管委会文件\n一、工作回顾\n全年完成地区生产总值{v}亿元,增长8%。\n- {n} -"
    text = "\n\f\n".join(page.format(v=100 + n, n=n) for n in range(1, 4))
    norm = normalise(text).text
    assert "管委会文件" not in norm and "- 2 -" not in norm and "\f" not in norm
    assert norm.count("全年完成地区生产总值") == 3


def test_a_paragraph_running_on_to_the_next_pdf_page_is_joined():
    """pypdf gives pages apart (a form feed between them); a note cut by the page break is read whole."""
    paragraph = "4.加快培育集聚创新主体。" + "推进研究院创新提升,建设高校院所科技成果项目库和专业技术支撑平台," * 8
    paragraph += "提" * (-(len(paragraph) + 4) % 40) + "(责任单"  # the page ends on a full line
    lines = [paragraph[k:k + 40] for k in range(0, len(paragraph), 40)]
    text = "二、重点任务\n" + "\n".join(lines) + "\n\f\n位:经信局,相关园区)\n5.全面推进创新要素集聚。"
    (task,) = read_text(text).tasks
    assert task["title"] == "加快培育集聚创新主体" and task["units"] == ["经信局", "相关园区"]


def test_a_pinyin_gloss_pushed_to_the_next_line_is_dropped():
    text = "開(kāi)發(fā)區(qū)實(shí)現(xiàn)規(guī)模工業(yè)產\n(chǎn)值162億元"
    assert normalise(text).text == "开发区实现规模工业产\n值162亿元"


def test_a_numbered_title_line_as_wide_as_the_page_is_not_joined_to_the_paragraph_after_it():
    """PDF lines: a heading without punctuation ends its line even when it nearly fills it."""
    body = "全区上下凝心聚力、攻坚克难，经济运行总体平稳，发展质量稳步提升，各项事业取得新进展。" * 6
    lines = [body[i:i + 30] for i in range(0, len(body), 30)]
    text = ("某某区2021年上半年工作情况\n一、主要指标完成情况\n(一)全市经济社会发展主要预期目标完成情况汇总\n"
            "上半年,全市完成地区生产总值802.81亿元,比上年同期增长28.6%,高出全省0.1个百分\n"
            "点;地方一般公共预算收入55.29亿元,比上年同期增长39.3%,增幅全省排第7位;社会\n"
            + "\n".join(lines) + "\n")
    repaired = normalise(text).text
    assert "(一)全市经济社会发展主要预期目标完成情况汇总\n上半年" in repaired
    assert "高出全省0.1个百分点" in repaired


def test_a_space_after_bu_di_yu_in_a_pdf_line_does_not_lose_the_target():
    """PDF extraction leaves "增长不低于 20%": the bound and the rate are still read."""
    text = "某某开发区2013年工作要点\n2013年开发区主要预期目标是:规模以上工业总产值增长不低于 20%,固定资产投资增长不低于 25%。\n"
    targets = {(t["indicator"], t["growth_pct"], t["bound"]) for t in read_text(text).targets}
    assert {("规模以上工业总产值", 20.0, "min"), ("固定资产投资", 25.0, "min")} <= targets


def _page(lines: list[str]) -> str:
    """Lines of a PDF page: a body paragraph cut at 30 characters, as wide as the page."""
    body = "全区上下凝心聚力、攻坚克难，经济运行总体平稳，发展质量稳步提升，各项事业取得新进展" * 6
    return "\n".join([*(body[i:i + 30] for i in range(0, len(body), 30)), *lines]) + "\n"


def test_a_line_wrapped_with_its_pinyin_glosses_is_joined():
    """The page was full with the glosses: without them the line looks short, yet it was a wrap."""
    glossed = "开(kāi)发(fā)区(qū)实(shí)现(xiàn)生(shēng)产(chǎn)总(zǒng)值增"
    assert _width("开发区实现生产总值增") < 0.8 * 60 <= _width(glossed)
    result = read_text(_page(["今年上半年," + glossed, "长7%,高于全市平均水平。"]))
    assert ("生产总值", 7.0) in {(r["indicator"], r["growth_pct"]) for r in result.results}


def test_an_address_cut_by_the_page_is_joined_back():
    text = _page(["SOURCE:", "https://www.example.gov.cn/art/2016/6/2/art_1268181_", "3971329.html",
                  "2015年国民经济和社会发展计划执行情况"])
    repaired = normalise(text).text
    assert "SOURCE: https://www.example.gov.cn/art/2016/6/2/art_1268181_3971329.html\n2015年" in repaired


def test_a_line_ending_at_a_colon_inside_a_parenthesis_runs_on():
    text = _page(["1.地区生产总值增长10%左右。(牵头单位:市发改局;责任单位:",
                  "市统计局,各乡镇人民政府)", "2.规模以上工业增加值增长15%。(牵头单位:市科经局)"])
    repaired = normalise(text).text
    assert "责任单位:市统计局,各乡镇人民政府)\n2." in repaired


class _Page:
    """What pypdf gives for one page in its two modes: the plain text and the laid-out one."""

    def __init__(self, plain: str, layout: str):
        self.plain, self.layout = plain, layout

    def extract_text(self, extraction_mode: str = "plain") -> str:
        return self.layout if extraction_mode == "layout" else self.plain


def test_blank_lines_of_the_pdf_layout_come_back_into_the_text():
    """A caption as wide as the page stays apart from the paragraph under it."""
    from zonework.reading.sources import _with_blank_lines

    plain = "主席团常务主席、执行主席主持会议\n政府工作报告指出,2012年\n是我县经济社会快速发展的一年。"
    layout = ("   主席团常务主席、执行主席主持会议\n\n\n  政府工作报告指出,2012年   \n"
              "  是我县经济社会快速发展的一年。")
    assert _with_blank_lines(_Page(plain, layout)) == (
        "主席团常务主席、执行主席主持会议\n\n政府工作报告指出,2012年\n是我县经济社会快速发展的一年。")
    # Where the two modes do not agree line for line, the plain text is kept as it is.
    assert _with_blank_lines(_Page(plain, "主席团常务主席\n\n执行主席主持会议\n" + plain)) == plain


def test_a_numbered_line_cut_between_growth_and_its_figure_runs_on():
    text = _page(["(五)社会消费品零售总额增长16%、外贸进出口总额增长", "16%。(牵头单位:县商务局)"])
    assert "外贸进出口总额增长16%。" in normalise(text).text


def test_a_bare_number_at_a_page_edge_goes_only_when_it_counts_the_pages():
    """Page numbers "1", "2", "3" at the foot of their pages go; a table's row number "3" that
    happens to end a page stays, and its row with it."""
    numbered = "\n\f\n".join(f"全年完成地区生产总值{100 + n}亿元,增长8%。\n{n}" for n in range(1, 4))
    norm = normalise(numbered).text
    assert "\n2\n" not in norm + "\n" and not norm.rstrip().endswith("3")
    table = "序号\n项目\n1\n提升道路品质\n区住建局\n\f\n2\n提升区域防洪能力\n区农业农村局\n3\n\f\n加大安居保障力度\n区新兴产业服务中心"
    assert "区农业农村局\n3\n加大安居保障力度" in normalise(table).text


def test_the_space_a_pdf_puts_between_han_and_latin_is_closed_but_table_gaps_stay():
    result = read_text("二、2009年工作回顾\n引进项目80个。万元 GDP能耗下降5%。\n")
    assert ("万元GDP能耗", -5.0) in {(r["indicator"], r["growth_pct"]) for r in result.results}
    assert normalise("宏岳塑胶  PVC管材").text == "宏岳塑胶  PVC管材"
