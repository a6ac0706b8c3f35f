"""Articles, headings and the document's own metadata."""

from zonework.reading import read_text
from zonework.reading.structure import describe, split_articles

BUNDLE = """第一篇:某开发区环保工作总结
一、主要工作
今年完成整治。
第二篇:秭归经济开发区工作总结
一、主要工作完成情况
上半年,新签订8个项目投资协议,协议投资总额10.2亿元。
"""


def test_bundle_is_split_into_articles_with_their_titles():
    """A scraped page bundling 第一篇, 第二篇 … gives one article each."""
    spans = split_articles(BUNDLE)
    assert [t for _, _, t in spans] == ["某开发区环保工作总结", "秭归经济开发区工作总结"]
    assert BUNDLE[spans[1][0]:spans[1][1]].startswith("第二篇")


def test_records_carry_their_article_index():
    result = read_text(BUNDLE)
    assert [r["provenance"]["article"] for r in result.results] == [1]


def test_text_without_bundle_markers_is_one_article():
    assert len(split_articles("一、总结\n内容")) == 1


PLAN = """武汉某某经济技术开发区2012年工作总结和2013年工作要点
发布时间:2013-01-12
中共某某开发区工委  某某开发区管委会
二0一二年十二月二十六日
一、2012年工作总结
(一)招商引资实现新突破
1.引进重大项目。全年引进项目20个。
(1)汽车项目。
2.服务企业。
(二)城市功能提升
二、2013年工作要点
(一)主要目标
一是稳增长。
"""


def test_heading_tree_nests_the_official_numbering():
    """一、 > (一) > 1. > (1) form the tree a reviewer sees."""
    (art,) = describe(PLAN.replace("二0一二年十二月二十六日", "2012年12月26日"))
    top = art.tree
    assert [h.title for h in top] == ["2012年工作总结", "2013年工作要点"]
    assert [h.title for h in top[0].children] == ["招商引资实现新突破", "城市功能提升"]
    first = top[0].children[0]
    assert [h.title for h in first.children] == ["引进重大项目", "服务企业"]
    assert first.children[0].children[0].title == "汽车项目"
    assert top[1].children[0].children[0].marker == "一是"


def test_sections_know_whether_they_summarise_or_plan():
    (art,) = describe(PLAN)
    pos = PLAN.index("全年引进项目")
    assert art.heading_at(pos).context == "report"
    assert art.heading_at(pos).year == 2012
    assert art.heading_at(PLAN.index("稳增长")).context == "plan"


def test_article_metadata_title_years_zone_body_date():
    result = read_text(PLAN)
    (art,) = result.articles
    assert art.title.startswith("武汉某某经济技术开发区2012年工作总结")
    assert (art.report_year, art.plan_year) == (2012, 2013)
    assert art.issuing_body.startswith("中共某某开发区工委")
    assert art.date == "2012-12-26"
    assert result.to_dict()["report_year"] == 2012


def test_zone_is_read_from_the_title_with_its_parenthesis():
    result = read_text("印发《武汉经济技术开发区(汉南区)关于促进发展的实施方案》的通知\n正文。")
    assert result.zone == "武汉经济技术开发区(汉南区)"


def test_no_zone_when_the_title_names_none():
    """开发区管委会年度工作总结 does not name a zone; prose is not mistaken for a name."""
    assert read_text("开发区管委会年度工作总结范文\n今年是我开发区的重要一年。").zone is None


def test_bundle_of_different_zones_has_no_file_level_years():
    result = read_text("第一篇:甲开发区2012年工作总结\n内容\n第二篇:乙开发区2015年工作总结\n内容\n")
    assert [a.report_year for a in result.articles] == [2012, 2015]
    assert result.report_year is None
