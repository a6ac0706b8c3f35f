"""The document's time model: which year a figure is for, and whether it is an actual or a goal."""

from zonework.reading import read_text
from zonework.reading.timeline import PLAN, REPORT, classify_title, cue_context, title_years


def records(text, kind):
    return [{k: v for k, v in r.items() if k != "provenance"} for r in getattr(read_text(text), kind)]


def test_title_of_two_parts_names_the_reviewed_and_the_planned_year():
    assert title_years("某区2015年国民经济和社会发展计划执行情况与2016年国民经济和社会发展计划") == (2015, 2016, None)
    assert title_years("某开发区2012年工作总结和2013年工作要点")[:2] == (2012, 2013)
    assert title_years("招商局2022年工作总结及2023年工作思路")[:2] == (2022, 2023)


def test_a_situation_and_plan_report_reviews_the_year_before_its_plan():
    """"…工作情况和2023年工作打算" reviews 2022 though it never writes 2022."""
    assert title_years("某某开发区工作情况和2023年工作打算")[:2] == (2022, 2023)


def test_plan_execution_is_a_review():
    assert classify_title("一、2015年国民经济和社会发展计划执行情况") == (REPORT, 2015)
    assert classify_title("(一)全市经济社会发展主要预期目标完成情况")[0] == REPORT
    assert classify_title("二、2016年工作安排") == (PLAN, 2016)
    assert classify_title("一、回顾2023") == (REPORT, 2023)


def test_cues_tell_a_review_paragraph_from_a_plan_paragraph():
    assert cue_context("2015年是收官之年。一年来,全区实现了平稳发展") == REPORT
    assert cue_context("2022年是开局之年。做好今年工作,关键要坚持稳中求进") == PLAN
    assert cue_context("2018年,在区委领导下,各项工作有序开展") is None


def test_year_of_the_opening_sentence_carries_to_later_paragraphs():
    """A news item that names its year only once, in its first sentence, dates every figure."""
    text = ("2009年,面对困难,我市经济平稳增长。\n"
            "完成财政总收入50.8亿元,增长26.7%。\n"
            "城镇居民人均可支配收入达17840元,增长11.5%。")
    out = records(text, "results")
    assert {(r["indicator"], r["year"]) for r in out} == {("财政总收入", 2009), ("城镇居民人均可支配收入", 2009)}


def test_headline_before_the_year_led_paragraph_takes_the_reviewed_year():
    text = "●全年实现地区生产总值450亿元\n2012年,某县紧紧围绕发展目标,全年实现地区生产总值450亿元。"
    out = records(text, "results")
    assert out == [{"indicator": "地区生产总值", "year": 2012, "value": 450, "unit": "亿元", "growth_pct": None}]


def test_review_then_plan_in_one_paragraph_of_a_news_item():
    text = ("2018年,某高新区取得一系列新成绩。全年技工贸总收入同比增长37.94%。"
            "2019年,某高新区全年经济增长的预期目标是实现技工贸总收入增长30%。")
    assert [(r["year"], r["growth_pct"]) for r in records(text, "results")] == [(2018, 37.94)]
    assert [(r["year"], r["growth_pct"]) for r in records(text, "targets")] == [(2019, 30.0)]


def test_unnumbered_heading_opens_a_plan_part():
    text = ("某县2019年政府工作报告\n过去的一年实现地区生产总值415亿元,增长8.5%。\n"
            "2019年主要预期目标:\n地区生产总值增长9%,固定资产投资增长11%。")
    assert [(r["value"], r["year"]) for r in records(text, "results")] == [(415, None)]
    assert {(r["indicator"], r["year"]) for r in records(text, "targets")} == {
        ("地区生产总值", 2019), ("固定资产投资", 2019)}


def test_goal_for_a_later_year_takes_that_year():
    text = ("今年,某经开区计划实施产业项目116个。去年,某经开区生产总值完成667.6亿元,同比增长8.9%。"
            "到2020年,全力实现奋斗目标,即公共财政预算收入达到100亿元、地区生产总值达到1000亿元。")
    assert [(r["value"], r["year"]) for r in records(text, "results")] == [(667.6, None)]
    assert {(r["value"], r["year"], r["bound"]) for r in records(text, "targets")} == {
        (100, 2020, "exact"), (1000, 2020, "exact")}


def test_new_year_in_the_sentence_makes_it_a_goal_of_the_plan_year():
    text = ("2019年政府工作总体要求:\n报告指出,过去的一年实现地区生产总值415亿元。"
            "面对新的一年,报告中指出,地区生产总值增长9%。")
    assert [r["year"] for r in records(text, "targets")] == [2019]
    assert [r["year"] for r in records(text, "results")] == [None]


def test_the_nearest_time_word_wins_in_a_long_sentence():
    """"2012年度总结暨2013年工作会议透露,今年将…" is a goal, not a 2012 result."""
    text = "某开发区召开的2012年度总结表彰暨2013年经济工作会议透露,今年将确保地区生产总值增长15%。"
    assert records(text, "results") == []
    assert [r["year"] for r in records(text, "targets")] == [2013]


def test_a_source_address_is_not_the_title():
    result = read_text("SOURCE: http://example.gov.cn/2016/6/2/art.html\n\n2015年工作总结\n内容。")
    assert result.articles[0].title == "2015年工作总结"
    assert result.report_year == 2015


def test_a_look_ahead_inside_a_review_is_a_goal():
    text = ("一季度全区经济运行情况\n今年以来,一季度经济实现良好开局。1-3月,全区完成固定资产投资45.6亿元,同比增长15.2%。\n"
            "下一步,我们将确保上半年地区生产总值增长8%以上,全年增长7.5%以上。")
    assert [(r["indicator"], r["period"]) for r in records(text, "results")] == [("固定资产投资", "1-3月")]
    assert [(r["indicator"], r["growth_pct"], r["bound"]) for r in records(text, "targets")] == [
        ("地区生产总值", 7.5, "min")]


def test_part_headings_and_a_multi_year_average():
    """第一部分/第二部分 open the review and the plan; 过去五年…年均增长 is no figure of one year."""
    text = ("第一部分 2023年工作回顾\n全年实现地区生产总值增长率为6.5%;过去五年,地区生产总值年均增长7.2%。\n"
            "第二部分 2024年工作安排\n地区生产总值增长6%。")
    assert [(r["year"], r["growth_pct"]) for r in records(text, "results")] == [(2023, 6.5)]
    assert [(r["year"], r["growth_pct"]) for r in records(text, "targets")] == [(2024, 6.0)]
