"""The summary's sections on investment (招商引资和项目建设) and enterprise services (企业服务).

Each section function takes (report, zone, year, user, problems, now), adds its blocks when its app
is installed and has rows for the year, appends off-track items to `problems`, and returns whether it
wrote anything. Figures come from `zonework.investment.figures` (the pipeline's written formulas)
and `zonework.enterprises.figures` (the service figures the enterprises pages show); amounts are
written by `zonework.core.money`.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from zonework.core.money import amounts_text, money_text

from .common import count_figure, figure, list_url, model, num, rows
from .docx_format import Heading, Paragraph


def _series(spans, items, sep="、"):
    for i, item in enumerate(items):
        if i:
            spans.append(sep)
        spans.extend(item if isinstance(item, list) else [item])
    return spans


# ---------------------------------------------------------------- investment
def investment_section(report, zone, year, user, problems, now):
    Project = model("investment", "InvestmentProject")
    Major = model("investment", "MajorProject")
    if Project is None:
        report.notes.append("招商引资模块未安装，招商引资和项目建设部分从略。")
        return False
    from zonework.investment import figures as inv

    date_from, date_to = inv.year_period(year)
    date_to = min(date_to, now)
    # Only projects that moved or received money in the year can count (a first signing is a stage
    # change); their whole history is still loaded by compute().
    active = Q(stage_changes__date__range=(date_from, date_to)) | Q(paid_in__month__range=(date_from, date_to))
    projects = rows(Project.objects.filter(zone=zone), user).filter(
        pk__in=Project.objects.filter(zone=zone).filter(active).values("pk"))
    total = inv.compute(projects, date_from, date_to, with_projects=True)[0]
    majors = list(rows(Major.objects.filter(zone=zone), user)) if Major is not None else []
    started = [m for m in majors if m.construction_start_actual and m.construction_start_actual.year == year]
    produced = [m for m in majors if m.production_start_actual and m.production_start_actual.year == year]
    paid_period = {c: v for c, v in total.paid_in_period.items() if v}
    if not total.signed and not paid_period and not started and not produced:
        report.notes.append(f"{year}年没有签约、到位资金或重大项目开工投产记录，招商引资部分从略。")
        return False
    board = list_url("investment:board")
    figures_url = list_url("investment:figures", year=year)
    report.add(Heading(2, "招商引资和项目建设"))
    spans = []
    if total.signed:
        spans += ["全年新签约招商项目", count_figure(f"{total.signed}个", f"{year}年首次签约的项目", board),
                  "，协议投资额", count_figure(amounts_text(total.agreed), "首次签约项目的协议投资额（增资只计新增部分）",
                                              figures_url)]
        extra = []
        if total.fortune500:
            extra.append(["世界500强项目", count_figure(f"{total.fortune500}个", "投资方为世界500强的签约项目", board)])
        if total.foreign:
            extra.append(["外资项目", count_figure(f"{total.foreign}个", "外资签约项目", board)])
        if extra:
            spans.append("，其中")
            _series(spans, extra)
        spans.append("；")
    if paid_period:
        spans += ["实际到位资金", count_figure(amounts_text(paid_period), f"{year}年登记的到位资金（全部项目）",
                                             figures_url), "；"]
    if total.signed:
        spans += ["当年签约项目中已开工", count_figure(f"{total.construction}个", "签约后已开工（或更后阶段）的项目", board),
                  "、已投产", count_figure(f"{total.production}个", "签约后已投产（或更后阶段）的项目", board)]
        if total.construction_rate is not None:
            spans += ["，开工率", count_figure(f"{num(total.construction_rate, 1)}%", "已开工项目数 ÷ 签约项目数")]
        spans.append("；")
    if spans and spans[-1] == "；":
        spans[-1] = "。"
    if spans:
        report.add(Paragraph(spans))

    named = sorted(total.projects, key=lambda p: p.counted_investment, reverse=True)[:5]
    named = [p for p in named if p.counted_investment]
    if named:
        spans = ["重点签约项目有："]
        _series(spans, [["总投资", figure(money_text(p.counted_investment, p.currency), p, f"招商项目：{p}"), f"的{p.name}"
                         + ("" if p.name.endswith("项目") else "项目")] for p in named])
        spans.append("等。")
        report.add(Paragraph(spans))

    if started or produced:
        spans = ["重大项目建设有力推进。"]
        if started:
            spans += ["全年开工重大项目", count_figure(f"{len(started)}个", f"{year}年实际开工的重大项目", board), "："]
            _series(spans, [[figure(m.name, m, f"重大项目：{m}"), "（总投资",
                             figure(money_text(m.total_investment), m, f"重大项目：{m}"), "）"] for m in started[:8]])
            spans.append("；")
        if produced:
            spans += ["建成投产重大项目", count_figure(f"{len(produced)}个", f"{year}年实际投产的重大项目", board), "："]
            _series(spans, [[figure(m.name, m, f"重大项目：{m}"), "（总投资",
                             figure(money_text(m.total_investment), m, f"重大项目：{m}"), "）"] for m in produced[:8]])
            spans.append("；")
        spans[-1] = "。"
        report.add(Paragraph(spans))

    late = [m for m in majors if m.construction_start_planned and m.construction_start_planned.year == year
            and m.construction_start_planned <= date_to and not m.construction_start_actual]
    if late:
        items = [figure(m.name, m, f"重大项目：{m}（计划{m.construction_start_planned}开工）") for m in late[:5]]
        more = f"等{len(late)}个重大项目" if len(late) > 5 else ""
        problems.append(_series([], items) + [f"{more}未按计划开工"])
    if total.signed and total.construction_rate is not None and total.construction_rate < 50:
        problems.append(["项目落地转化偏慢，当年签约项目开工率仅",
                         count_figure(f"{num(total.construction_rate, 1)}%", "已开工项目数 ÷ 签约项目数")])
    return True


# ---------------------------------------------------------------- enterprise services
def services_section(report, zone, year, user, problems, now):
    Request = model("enterprises", "ServiceRequest")
    if Request is None:
        report.notes.append("企业服务模块未安装，企业服务部分从略。")
        return False
    from zonework.enterprises.figures import unit_figures

    as_of = min(now, datetime.date(year, 12, 31))
    requests = rows(Request.objects.filter(zone=zone), user)
    total = unit_figures(requests, datetime.date(year, 1, 1), datetime.date(year, 12, 31), today=as_of)[0]
    if not total.received:
        report.notes.append(f"{year}年没有企业诉求记录，企业服务部分从略。")
        return False
    url = list_url("enterprises:request_list", year=year)
    report.add(Heading(2, "企业服务"))
    spans = ["深入落实“企有所呼、我必有应”工作机制，全年受理企业诉求", count_figure(f"{total.received}件",
                                                                       f"{year}年受理的企业诉求", url),
             "，办结", count_figure(f"{total.closed}件", "已办结的诉求", url),
             "，办结率", count_figure(f"{num(total.closed_rate, 1)}%", "办结数 ÷ 受理数")]
    if total.on_time_rate is not None:
        spans += ["；按时办结", count_figure(f"{total.on_time}件", "各环节均在时限内办结的诉求", url),
                  "，按时办结率", count_figure(f"{num(total.on_time_rate, 1)}%",
                                           "按时办结数 ÷（已办结数 + 超过时限仍未办结数）")]
    if total.ratings:
        spans += ["；企业评价", count_figure(f"{len(total.ratings)}件", "企业给出满意度评价的诉求", url),
                  "，平均满意度", count_figure(f"{num(total.satisfaction, 1)}分", "满意度评分（1-5分）的平均值"),
                  "（满分5分），满意率", count_figure(f"{num(total.satisfied_rate, 1)}%",
                                                  "评价4分及以上的诉求 ÷ 已评价诉求")]
    spans.append("。")
    report.add(Paragraph(spans))
    if total.overdue:
        problems.append(["企业诉求办理时效有待提高，",
                         count_figure(f"{total.overdue}件", "超过时限仍未办结的诉求", url),
                         "诉求超过办理时限仍未办结"])
    return True


SUMMARY_SECTIONS = [investment_section, services_section]
