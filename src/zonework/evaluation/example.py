"""The 商务部 2021 structure of 国家级经开区综合发展水平考核评价 as an example scheme (DOMAIN_NOTES §4).

What the published text gives: the five parts and their weights, and for four parts the number of
indicators and some of their names. Not published: the 发展质量 sub-indicators and every per-indicator
weight. So: each part's points are split evenly over its indicators (an ASSUMPTION, marked in `note`),
unnamed indicators are placeholders with `source_incomplete`, and every item scores by rank among the
zones (the published results are ranks), except where a growth is named.
"""

SOURCE = ("商务部国家级经开区综合发展水平考核评价（2021年版）：一级指标及权重据公开报道 "
          "https://mindcap.todayeastern.com/news/032d13599832.html ；官方全文未见，"
          "二级指标分值为均分假设，未公开的指标以占位项标注“来源不完整”。")

ASSUMED = "假设：本一级指标分值在各指标间均分（官方分值未公开）。"

# (part, weight, published indicator count or None, named indicators as (name, method, use_growth))
PARTS = [
    ("对外开放", 30, 7, [
        ("实际使用外资", "rank", False), ("进出口总额", "rank", False),
        ("实际使用外资增速", "rank", True), ("进出口总额增速", "rank", True),
    ]),
    ("发展质量", 30, None, [("地区生产总值", "rank", False), ("规模以上工业总产值", "rank", False)]),
    ("科技创新", 15, 6, [
        ("研发经费投入强度", "rank", False), ("省级及以上研发机构数", "rank", False), ("高新技术企业数", "rank", False),
    ]),
    ("绿色发展", 15, 5, [("单位增加值能耗", "rank", False), ("单位增加值二氧化碳排放", "rank", False)]),
    ("统筹协调", 10, 4, [("城镇新增就业人数", "rank", False), ("合作共建园区数", "rank", False)]),
]

# Lower is better for these (energy and emissions per unit of value added).
LOWER_IS_BETTER = {"单位增加值能耗", "单位增加值二氧化碳排放"}


def items_of(count, named):
    """The part's items: the named ones, then placeholders up to the published count (or 3 if unknown)."""
    rows = [dict(name=n, method=m, use_growth=g, source_incomplete=False) for n, m, g in named]
    wanted = count or max(len(rows), 3)
    for i in range(len(rows) + 1, wanted + 1):
        rows.append(dict(name=f"未公开指标{i}", method="rank", use_growth=False, source_incomplete=True))
    if count is None:
        for row in rows:
            row["source_incomplete"] = True
    return rows
