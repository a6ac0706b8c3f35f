"""The four kinds of records, on short sentences written the way zone reports write them."""

from zonework.reading import lookup, read_text
from zonework.reading.catalogue import CATALOGUE
from zonework.reading.tasks import split_units

REPORT = "某某高新区2020年工作总结和2021年工作计划\n一、2020年工作回顾\n"
PLAN = "二、2021年工作计划\n(一)主要目标\n"


def figures(text, kind):
    result = read_text(text)
    return [{k: v for k, v in r.items() if k != "provenance"} for r in getattr(result, kind)]


def test_result_with_value_and_growth():
    out = figures(REPORT + "2020年,全区实现地区生产总值356.2亿元,同比增长6.5%。", "results")
    assert out == [{"indicator": "地区生产总值", "year": 2020, "value": 356.2, "unit": "亿元",
                    "growth_pct": 6.5}]


def test_fall_is_a_negative_growth():
    """下降 3.2% is recorded as -3.2."""
    out = figures(REPORT + "完成一般公共预算收入28.3亿元,下降3.2%。", "results")
    assert out[0]["growth_pct"] == -3.2 and out[0]["year"] == 2020


def test_redacted_figure_yields_nothing():
    """实现国内生产总值亿元,增长, (numbers cut out) gives no invented record."""
    assert figures("开发区工作总结\n全年实现国内生产总值亿元,增长,地方财政收入亿元,增长。", "results") == []


def test_figures_of_a_part_of_the_zone_are_not_results():
    text = REPORT + ("9月赴美招商签订项目8个,协议投资总额158亿元。重点骨干企业完成工业总产值80亿元。"
                     "建设18年来,累计实现税收收入720亿元。")
    assert figures(text, "results") == []


def test_verb_after_name_and_scope_note_are_read():
    out = figures(REPORT + "其中工业投资完成205亿元,增长75%;引进投资总额(含增资)43.55亿美元。", "results")
    assert [(r["indicator"], r["value"], r["unit"]) for r in out] == [
        ("工业投资", 205, "亿元"), ("引进投资总额", 43.55, "亿美元")]


def test_target_bound_words():
    """不低于/以上 → min, 左右 → approx, plain → exact; 力争 gives the stretch."""
    text = REPORT + PLAN + ("地区生产总值增长8%左右,规上工业增加值增长不低于10%,固定资产投资增长12%、力争15%,"
                            "实际利用外资增长20%以上,社会消费品零售总额增长9%。")
    out = {r["indicator"]: r for r in figures(text, "targets")}
    assert out["地区生产总值"]["bound"] == "approx"
    assert out["规上工业增加值"]["bound"] == "min"
    assert out["固定资产投资"]["bound"] == "exact" and out["固定资产投资"]["stretch_pct"] == 15.0
    assert out["实际利用外资"]["bound"] == "min"
    assert out["社会消费品零售总额"]["growth_pct"] == 9.0
    assert {r["year"] for r in out.values()} == {2021}


def test_two_digit_growth_for_a_list_of_indicators_every_year():
    """A、B、C每年达到两位数以上增长 in a multi-year plan: three recurring min-10% targets."""
    text = "某区关于推动高质量发展的实施方案\n二、工作目标\n固定资产投资额、工业增加值、服务业增加值每年达到两位数以上增长。"
    out = figures(text, "targets")
    assert [r["indicator"] for r in out] == ["固定资产投资额", "工业增加值", "服务业增加值"]
    assert all(r["growth_pct"] == 10.0 and r["bound"] == "min" and r["recurring"] and r["year"] is None
               for r in out)


def test_respective_rates_are_paired_in_order():
    text = REPORT + PLAN + "城镇居民人均可支配收入和农民人均纯收入均分别增长8.5%、9.5%。"
    out = figures(text, "targets")
    assert [(r["indicator"], r["growth_pct"]) for r in out] == [("城镇居民人均可支配收入", 8.5),
                                                               ("农民人均纯收入", 9.5)]


def test_restated_target_is_listed_once():
    text = REPORT + PLAN + "固定资产投资增长20%、力争25%。\n(二)重点工作\n全年固定资产投资增长20%以上。"
    assert len(figures(text, "targets")) == 1


def test_share_and_sub_industry_are_not_targets():
    text = REPORT + PLAN + "服务业占国内生产总值比重提高到20%,高新技术产业增加值增速达到10%以上。"
    assert figures(text, "targets") == []


def test_task_units_are_split_and_deduplicated():
    """Units split on 、 , ; but not on 及; a unit named twice is kept once."""
    text = ("三、重点任务\n1.着力打造汽车产业集群。继续做大做强汽车产业。"
            "(责任单位:经信局、招商局,汽车及零部件产业园;组织部、经信局)\n")
    (task,) = figures(text, "tasks")
    assert task == {"title": "着力打造汽车产业集群", "units": ["经信局", "招商局", "汽车及零部件产业园", "组织部"]}


def test_lead_and_support_units_are_all_units():
    assert split_units("牵头单位:发改局;配合单位:财政局、各街道") == ["发改局", "财政局", "各街道"]


def test_projects_each_with_its_own_amount():
    text = REPORT + "引进了总投资65亿元的东风整车项目、总投资10亿元的专用汽车项目和改装项目。"
    out = figures(text, "projects")
    assert [(p["name"], p["investment"]) for p in out] == [("东风整车项目", 65), ("专用汽车项目", 10)]


def test_projects_sharing_one_amount_are_one_record():
    text = REPORT + "推进投资10亿元的五星级酒店和心脏病医院项目建设。"
    assert [p["name"] for p in figures(text, "projects")] == ["五星级酒店和心脏病医院项目"]


def test_other_project_phrasings():
    text = REPORT + ("中国立洲(投资30亿元)等企业开工。积极协调协和医院西区建设,总投资5.6亿元。"
                     "投资1.2亿元建设可容纳1500名学生的长江国际学校。投资3000万元,实施“绿肺”一期工程。"
                     "总投资10亿元的长利玻璃等项目落户。")
    names = {(p["name"], p["investment"], p["unit"]) for p in figures(text, "projects")}
    assert names == {("中国立洲", 30, "亿元"), ("协和医院西区", 5.6, "亿元"), ("长江国际学校", 1.2, "亿元"),
                     ("绿肺一期工程", 3000, "万元"), ("长利玻璃项目", 10, "亿元")}


def test_thresholds_and_unnamed_projects_are_not_projects():
    text = REPORT + ("确保引进投资20亿元以上的项目。入区项目总投资超过60亿元。投资2.09亿元推进绿化建设。"
                     "在洽谈会上成功签约21个项目,总投资184亿元。完成财政性项目总投资14亿元。")
    assert figures(text, "projects") == []


def test_provenance_points_into_the_original_text():
    """A reviewer can highlight the figure in the document exactly as uploaded."""
    original = "某開發區2020年工作總結\n2020年,全區實現地區生產總值３５６億元,同比增長６．５％。"
    result = read_text(original)
    (rec,) = result.results
    prov = rec["provenance"]
    assert original[prov["start"]:prov["end"]] == "地區生產總值３５６億元,同比增長６．５％"
    assert result.text[prov["norm_start"]:prov["norm_end"]] == "地区生产总值356亿元,同比增长6.5%"
    assert rec["value"] == 356 and rec["growth_pct"] == 6.5


def test_catalogue_lookup_by_any_written_name():
    assert lookup("地方一般预算收入").code == "general_budget_revenue"
    assert lookup("公共财政预算收入").code == "general_budget_revenue"
    assert lookup("全年规模以上工业总产值").code == "industrial_output_above_scale"
    assert lookup("gdp").code == "gdp"
    assert lookup("软件与互联网营业收入") is None
    gdp = lookup("地区生产总值")
    assert gdp.price_basis == "comparable" and gdp.flow == "flow" and gdp.higher_is_better
    assert lookup("税收收入").price_basis == "current"
    assert not lookup("单位GDP能耗").higher_is_better
    assert len({e.code for e in CATALOGUE}) == len(CATALOGUE)


def test_progress_callback_reaches_the_total():
    calls = []
    read_text(REPORT, progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]


def test_abbreviation_note_and_estimate_words_do_not_hide_a_result():
    """地区生产总值(GDP)120亿元 and 预计完成210亿元 are read; 、增长 joins like ,增长."""
    text = REPORT + "全年完成地区生产总值(GDP)120亿元,增长8%。实现规上工业产值85亿元、增长12.5%。"
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("地区生产总值", 120, 8.0), ("规上工业产值", 85, 12.5)]


def test_responsibility_note_with_a_leader_keeps_only_units():
    text = "二、重点任务\n1.推进项目建设。加快项目落地。(责任领导:张三;牵头单位:发改局;配合单位:财政局、自然资源局)\n"
    (task,) = figures(text, "tasks")
    assert task["units"] == ["发改局", "财政局", "自然资源局"]


def test_names_are_read_whole_and_mapped_by_head_and_modifiers():
    """城镇以上固定资产投资 is its own name; the family follows from the head, not from a fixed list."""
    cases = {"城镇以上固定资产投资": "fixed_asset_investment", "规模以上工业企业增加值": "industrial_value_added_above_scale",
             "规模以上企业工业总产值": "industrial_output_above_scale", "规模工业产值": "industrial_output_above_scale",
             "注册协议利用外资": "foreign_investment_used", "限上社会消费品零售总额": "retail_sales",
             "地方公共预算收入": "general_budget_revenue", "单位地区生产总值综合能耗": "energy_per_gdp",
             "招商引资到位固定资产投资": "fixed_asset_investment", "外贸进出口总值": "foreign_trade"}
    assert {name: lookup(name).code for name in cases} == cases


def test_modifiers_a_head_does_not_take_make_no_headline_indicator():
    """Taxes of industry, value added of high-tech industry, income of all residents: not families."""
    for name in ("工业税收", "高新技术产业增加值", "全体居民人均可支配收入", "营业总收入", "企业工业总产值", "新产品产值"):
        assert lookup(name) is None, name


def test_record_keeps_the_whole_phrase_as_written():
    text = REPORT + ("规模以上工业企业增加值6.92亿元,增长21.8%;城镇以上固定资产投资18.72亿元,增长24.9%;"
                     "工业税收同比增长57.15%;完成规模工业增加值同比增长11%。")
    out = figures(text, "results")
    assert [(r["indicator"], r["growth_pct"]) for r in out] == [
        ("规模以上工业企业增加值", 21.8), ("城镇以上固定资产投资", 24.9), ("规模工业增加值", 11.0)]


def test_subject_of_the_clause_completes_a_bare_head():
    """全区27家规模以上企业实现产值49.45亿元…实现增加值8.10亿元: both figures are the above-scale firms'."""
    text = REPORT + "全区27家规模以上企业实现产值49.45亿元,同比增长3%,实现增加值8.10亿元,同比增长15.4%。实现新产品产值7亿元。"
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("规模以上企业产值", 49.45, 3.0), ("规模以上企业增加值", 8.1, 15.4)]


def test_respective_values_and_rates_are_spread_over_the_names():
    text = REPORT + "农民人均纯收入和城镇居民人均可支配收入分别达到9807元和18817元,分别增长18%和16.5%。"
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("农民人均纯收入", 9807, 18.0), ("城镇居民人均可支配收入", 18817, 16.5)]


def test_respective_rates_after_separately_valued_figures_go_back_over_them():
    """财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和18.9%."""
    text = REPORT + ("完成财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和18.9%。"
                     "城镇常住居民人均可支配收入达到34674元,农村常住居民人均可支配收入18365元,分别同比增长9.3%、10.5%。")
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("财政总收入", 50.8, 26.7), ("一般预算收入", 18.8, 18.9),
        ("城镇常住居民人均可支配收入", 34674, 9.3), ("农村常住居民人均可支配收入", 18365, 10.5)]


def test_town_and_country_share_one_head():
    """城乡居民收入 and 城镇和农村常住居民… stand for two indicators each."""
    text = REPORT + "城乡居民收入分别达到33550元、15200元,均增长8.5%。"
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("城镇居民收入", 33550, 8.5), ("农村居民收入", 15200, 8.5)]
    plan = REPORT + PLAN + "城镇和农村常住居民人均可支配收入分别增长8%左右和8.5%左右。"
    out = figures(plan, "targets")
    assert [(r["indicator"], r["growth_pct"], r["bound"]) for r in out] == [
        ("城镇常住居民人均可支配收入", 8.0, "approx"), ("农村常住居民人均可支配收入", 8.5, "approx")]


def test_price_basis_and_base_period_between_figure_and_rate():
    text = REPORT + ("全市完成地区生产总值802.81亿元,按可比价格计算,比上年同期增长28.6%;"
                     "规模以上工业增加值可比增长39.1%。")
    out = figures(text, "results")
    assert [(r["indicator"], r["value"], r["growth_pct"]) for r in out] == [
        ("地区生产总值", 802.81, 28.6), ("规模以上工业增加值", None, 39.1)]


def test_breaking_through_a_level_states_that_level():
    """突破/超过 N is the value N."""
    out = figures(REPORT + "全年实现地区生产总值突破500亿元,增长8%;财政总收入超过80亿元。", "results")
    assert [(r["indicator"], r["value"]) for r in out] == [("地区生产总值", 500), ("财政总收入", 80)]


def test_partial_year_figures_keep_their_period():
    text = REPORT + "一季度,全区规模以上工业总产值37.1亿元,同比增长23.8%。全年实现地区生产总值120亿元。"
    out = figures(text, "results")
    assert [(r["indicator"], r.get("period")) for r in out] == [("规模以上工业总产值", "一季度"), ("地区生产总值", None)]


def test_a_quarter_goal_is_no_target_but_the_year_after_it_is():
    text = "某县重点项目集中开工\n确保一季度固定资产投资增长15%以上、全年增长10.5%以上。"
    out = figures(text, "targets")
    assert [(r["indicator"], r["growth_pct"], r["bound"]) for r in out] == [("固定资产投资", 10.5, "min")]
    assert figures(text, "results") == []


def test_the_parks_own_figures_are_the_zones_but_a_sub_park_is_not():
    text = "某工业园区2020年工作总结\n2020年,园区实现地区生产总值80亿元。两大工业园区实现工业产值11.2亿元。"
    assert [(r["indicator"], r["value"]) for r in figures(text, "results")] == [("地区生产总值", 80)]
