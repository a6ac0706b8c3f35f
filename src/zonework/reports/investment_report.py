"""招商引资月报 (the monthly investment report) for a zone, from the pipeline's records.

    <zone>
    <year>年1-N月招商引资工作情况
    一、签约情况          the month's and the year's signings: count and 签约额 (亿元, core/money.py)
    二、资金到位和项目落地  资金到位率 and 开工率 of the year's signed projects
    三、项目推进情况        projects by stage (the funnel page's count)
    四、停滞项目            projects without a stage change for too long (investment/stall.py's rule)
    本年签约项目表

Every figure comes from `zonework.investment.figures` (the figures and funnel pages' formulas:
first signing, cohort, 资金到位率, 开工率) and `zonework.investment.stall` (the stall rule); nothing
is recomputed here. The report is drawn up as of the month's last day, or today while the month runs.
"""

from __future__ import annotations

from zonework.core.money import CURRENCY_NAMES, yi_text

from .bulletin import period_label
from .common import (
    ReportError,
    check_period,
    check_zone,
    count_figure,
    figure,
    issuer_for,
    list_url,
    model,
    num,
    rows,
    today,
)
from .docx_format import Heading, Paragraph, Report, Signature, Table, Title, official_date


def signed_text(amounts):
    """{"CNY": 650000, "USD": 1200} (万) → "65亿元、0.12亿美元": 签约额 in 亿, currencies never added."""
    parts = [yi_text(v, c) for c, v in amounts.items() if v]
    return "、".join(parts) if parts else yi_text(0)


def agreed_spans(amounts, source, href):
    """"，协议投资额109亿元，美元项目协议投资额0.2亿美元": one clause per currency (never added together),
    each its own figure, so the reader reads each amount back with its unit."""
    spans = []
    used = [c for c, v in amounts.items() if v]
    for i, currency in enumerate(used):
        name = f"{CURRENCY_NAMES[currency]}项目" if i else ""
        spans += [f"，{name}协议投资额", count_figure(yi_text(amounts[currency], currency),
                                                  f"{source}（{CURRENCY_NAMES[currency]}）", href)]
    return spans


def rate_clauses(rates, agreed):
    """资金到位率 per currency with an agreed amount: [(label, pct)]; one currency needs no name."""
    used = [c for c, v in agreed.items() if v and rates.get(c) is not None]
    return [("" if len(used) == 1 else f"{CURRENCY_NAMES[c]}项目", rates[c]) for c in used]


def build(zone, year, month, *, user=None, date=None, now=None):
    """The report of `zone` for 1-`month`月 of `year`; ReportError when there is nothing to report."""
    Project = model("investment", "InvestmentProject")
    check_zone(zone, user)
    now = now or today()
    year, month = check_period(year, month, now=now)
    if month is None:
        raise ReportError("招商引资月报须选择月份。")
    if Project is None:
        raise ReportError("招商引资模块尚未安装，不能生成招商引资月报。")
    from zonework.investment import figures as inv
    from zonework.investment import stall

    year_from, month_to = inv.year_period(year, month)
    month_from = month_to.replace(day=1)
    as_of = min(now, month_to)
    projects = rows(Project.objects.filter(zone=zone), user).select_related("unit")
    if not projects.exists():
        raise ReportError(f"{zone}暂无招商项目，未生成招商引资月报。")
    this_month = inv.compute(projects, month_from, as_of)[0]
    ytd = inv.compute(projects, year_from, as_of, with_projects=True)[0]
    stages, terminated = inv.funnel(projects, year_from, as_of)
    stalled = stall.stalled_projects(projects, today=as_of)

    label = period_label(month)
    figures_url = list_url("investment:figures", year=year, month=month)
    month_url = list_url("investment:figures", date_from=month_from.isoformat(), date_to=month_to.isoformat())
    funnel_url = list_url("investment:funnel", year=year, month=month)
    stalled_url = list_url("investment:stalled")
    report = Report(Title([zone.name, f"{year}年{label}招商引资工作情况"]))

    # 一、签约情况 -------------------------------------------------------------------------
    report.add(Heading(1, "签约情况"))
    spans = [f"{month}月，全区新签约招商项目", count_figure(f"{this_month.signed}个", f"{year}年{month}月首次签约的项目",
                                                      month_url)]
    if this_month.signed:
        spans += agreed_spans(this_month.agreed, f"{year}年{month}月签约项目的协议投资额（增资只计新增部分）", month_url)
    # "1-10月，全区签约…" rather than "1-10月累计签约…": the reader takes 累计 for a total of no period
    spans += [f"。{label}，全区签约招商项目", count_figure(f"{ytd.signed}个", f"{year}年{label}首次签约的项目",
                                                     figures_url)]
    if ytd.signed:
        spans += agreed_spans(ytd.agreed, f"{year}年{label}签约项目的协议投资额（增资只计新增部分）", figures_url)
        extra = []
        if ytd.fortune500:
            extra.append(["世界500强项目", count_figure(f"{ytd.fortune500}个", "投资方为世界500强的签约项目", figures_url)])
        if ytd.foreign:
            extra.append(["外资项目", count_figure(f"{ytd.foreign}个", "外资签约项目", figures_url)])
        if extra:
            spans.append("，其中")
            for i, part in enumerate(extra):
                spans += (["、"] if i else []) + part
    spans.append("。")
    report.add(Paragraph(spans))
    top = sorted(ytd.projects, key=lambda p: p.counted_investment, reverse=True)[:5]
    top = [p for p in top if p.counted_investment]
    if top:
        spans = ["重点签约项目有："]
        for i, p in enumerate(top):
            name = p.name if p.name.endswith("项目") else f"{p.name}项目"
            spans += (["、"] if i else []) + ["总投资", figure(yi_text(p.counted_investment, p.currency), p,
                                                               f"招商项目：{p}"), f"的{name}"]
        spans.append("。")
        report.add(Paragraph(spans))

    # 二、资金到位和项目落地 ------------------------------------------------------------------
    report.add(Heading(1, "资金到位和项目落地情况"))
    if ytd.signed:
        spans = [f"{label}签约项目到位资金", count_figure(signed_text(ytd.paid_in),
                                                      "本年签约项目截至本月末登记的到位资金", figures_url)]
        for name, rate in rate_clauses(ytd.paid_in_rate, ytd.agreed):
            spans += [f"，{name}资金到位率", count_figure(f"{num(rate, 1)}%", "到位资金 ÷ 协议投资额（本年签约项目）",
                                                     figures_url)]
        spans += ["；已开工", count_figure(f"{ytd.construction}个", "本年签约、截至本月末已开工（或更后阶段）的项目",
                                        figures_url)]
        if ytd.construction_rate is not None:
            spans += ["，开工率", count_figure(f"{num(ytd.construction_rate, 1)}%", "已开工项目数 ÷ 签约项目数",
                                            figures_url)]
        spans += ["；已投产", count_figure(f"{ytd.production}个", "本年签约、截至本月末已投产（或更后阶段）的项目",
                                        figures_url), "。"]
    else:
        spans = [f"{label}尚无签约项目，资金到位率和开工率暂无数据。"]
    period_paid = {c: v for c, v in ytd.paid_in_period.items() if v}
    if period_paid:
        spans += [f"{label}全部招商项目到位资金", count_figure(signed_text(period_paid),
                                                      f"{year}年{label}登记的到位资金（全部项目）", figures_url), "。"]
    report.add(Paragraph(spans))

    # 三、项目推进情况 ------------------------------------------------------------------------
    report.add(Heading(1, "项目推进情况"))
    entered = stages[0][2] if stages else 0
    spans = ["截至", official_date(as_of), "，在库招商项目", count_figure(f"{entered}个", "在库项目（本年终止的计入）",
                                                                    funnel_url)]
    if terminated:
        spans += ["，本年终止", count_figure(f"{terminated}个", "本年终止的项目", funnel_url)]
    spans.append("。各阶段项目数见下表（达到该阶段及以后阶段的项目）。")
    report.add(Paragraph(spans))
    report.add(Table(["阶段", "项目数"], [[lab, count_figure(str(n), f"达到“{lab}”及以后阶段的项目", funnel_url)]
                                       for _s, lab, n in stages], caption="招商项目分阶段情况"))

    # 四、停滞项目 --------------------------------------------------------------------------
    report.add(Heading(1, "停滞项目"))
    yellow, red = stall.thresholds()
    if stalled:
        reds = [p for p, light in stalled if light == "red"]
        spans = [f"超过{yellow}个月没有推进的项目", count_figure(f"{len(stalled)}个", "停滞项目", stalled_url)]
        if reds:
            spans += ["，其中超过", f"{red}个月的", count_figure(f"{len(reds)}个", f"超过{red}个月没有推进的项目",
                                                           stalled_url)]
        spans.append("，请责任单位加快推进：")
        for i, (p, _light) in enumerate(stalled[:10]):
            spans += (["、"] if i else []) + [figure(p.name, p, f"招商项目：{p}（{p.get_stage_display()}，"
                                                                f"{p.stage_date}以来未推进）")]
        spans.append(f"等{len(stalled)}个。" if len(stalled) > 10 else "。")
        report.add(Paragraph(spans))
        report.add(Table(["项目名称", "责任单位", "当前阶段", "阶段日期", "停滞"], [
            [figure(p.name, p, f"招商项目：{p}"), p.unit.name, p.get_stage_display(), official_date(p.stage_date),
             "红灯" if light == "red" else "黄灯"] for p, light in stalled], caption="停滞项目"))
    else:
        report.add(Paragraph([f"没有超过{yellow}个月未推进的项目。"]))

    # 本年签约项目表 ---------------------------------------------------------------------------
    if ytd.projects:
        body = []
        signed = sorted(ytd.projects, key=lambda p: (inv.first_signing(p.stage_changes.all()), p.name))
        for n, p in enumerate(signed, start=1):
            changes = list(p.stage_changes.all())
            stage, _t = inv.stage_on(changes, as_of)
            body.append([str(n), figure(p.name, p, f"招商项目：{p}"), official_date(inv.first_signing(changes)),
                         figure(yi_text(p.counted_investment, p.currency), p, f"招商项目：{p}"),
                         p.unit.name, _stage_label(stage)])
        # 序号 first: the reader takes a table with a 序号 column row by row (reading/tables.py)
        report.add(Table(["序号", "项目名称", "签约日期", "协议投资额", "责任单位", "目前阶段"], body,
                         caption=f"{year}年{label}签约项目"))
    report.signature = Signature(date or now, issuer=issuer_for(zone))
    return report


def _stage_label(stage):
    from zonework.investment.choices import Stage

    return Stage(stage).label if stage else "—"
