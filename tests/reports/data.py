"""A zone's year in the database, written straight through the ORM (the reports only read it).

2012 for 武汉经济技术开发区, in the figures of seeds/000: 规模以上工业总产值 2020亿元 +20% (target +20%,
met), 固定资产投资 255亿元 +25% against a target of 300亿元 (missed), 一般公共预算收入 48亿元 +31% with
no target; key tasks done / done late / overdue; signed projects; a major project started; requests.
"""

import datetime
from decimal import Decimal

from zonework.economy.models import Indicator, Observation, Target

YEAR = 2012


def indicator(name):
    return Indicator.objects.get(name=name)


def observe(zone, name, year, month, ytd, yoy, month_value=None):
    ind = indicator(name)
    return Observation.objects.create(zone=zone, indicator=ind, year=year, month=month, ytd_value=Decimal(str(ytd)),
                                      month_value=None if month_value is None else Decimal(str(month_value)),
                                      yoy_pct=Decimal(str(yoy)), value_unit=ind.unit, source="manual")


def target(zone, name, year, *, value=None, growth=None, bound="min"):
    ind = indicator(name)
    return Target.objects.create(zone=zone, indicator=ind, year=year,
                                 value=None if value is None else Decimal(str(value)),
                                 value_unit=ind.unit if value is not None else "",
                                 growth_pct=None if growth is None else Decimal(str(growth)), bound=bound)


def economy(zone, year=YEAR):
    rows = {
        "output": observe(zone, "规模以上工业总产值", year, 12, 2020, 20),
        "fai": observe(zone, "固定资产投资", year, 12, 255, 25),
        "budget": observe(zone, "一般公共预算收入", year, 12, 48, 31),
        "output_target": target(zone, "规模以上工业总产值", year, growth=20),
        "fai_target": target(zone, "固定资产投资", year, value=300, bound="exact"),
    }
    return rows


def monthly(zone, year=YEAR, months=range(1, 7)):
    """Six months of statistics: output on track, investment behind."""
    out = {}
    for m in months:
        out[("output", m)] = observe(zone, "规模以上工业总产值", year, m, 170 * m, 18 + m * 0.3, month_value=170)
        out[("fai", m)] = observe(zone, "固定资产投资", year, m, 18 * m, 10 + m, month_value=18)
    return out


def next_year_targets(zone, year=YEAR + 1):
    return [target(zone, "规模以上工业总产值", year, growth=20),
            target(zone, "固定资产投资", year, growth=25),
            target(zone, "地区生产总值", year, growth=8, bound="approx")]


def work(zone, units, year=YEAR, title=None):
    from zonework.work.models import Plan, Task

    plan = Plan.objects.create(zone=zone, title=title or f"{year}年工作要点", year=year, kind="key_points",
                               start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31))

    def task(title, unit, status, deadline, parent=None, position=0, supports=(), text="", progress=0):
        t = Task.objects.create(plan=plan, parent=parent, title=title, text=text, lead_unit=unit, status=status,
                                deadline=deadline, position=position, progress=Decimal(progress))
        if supports:
            t.support_units.set(supports)
        return t

    industry = task("着力推动产业高质量发展", units["econ"], "in_progress", datetime.date(year, 12, 31), position=1)
    tasks = {
        "industry": industry,
        "cars": task("着力打造世界知名车都", units["econ"], "done", datetime.date(year, 6, 30), parent=industry,
                     position=1, supports=[units["invest"]], text="继续做大做强汽车产业，打造世界级汽车产业集群。",
                     progress=100),
        "services": task("加快发展现代服务业", units["invest"], "in_progress", datetime.date(year, 11, 30),
                         parent=industry, position=2, text="推动制造业与服务业融合发展。", progress=60),
        "open": task("建立完善高水平开放机制", units["invest"], "done_late", datetime.date(year, 3, 31), position=2,
                     text="加大制度创新力度。", progress=100),
        "land": task("推进土地收储", units["office"], "in_progress", datetime.date(year, 9, 30), position=3,
                     text="完成土地收储4200亩。", progress=40),
        "draft": task("研究编制产城规划", units["office"], "draft", datetime.date(year, 12, 31), position=4),
    }
    return plan, tasks


def investment(zone, units, year=YEAR):
    from zonework.investment.models import InvestmentProject, MajorProject, PaidIn, StageChange

    def project(name, amount, history, *, paid=(), **fields):
        p = InvestmentProject.objects.create(zone=zone, unit=units["invest"], name=name,
                                             agreed_investment=Decimal(amount), stage=history[-1][1],
                                             stage_date=history[-1][0], **fields)
        for day, stage in history:
            StageChange.objects.create(project=p, to_stage=stage, date=day)
        for month, value in paid:
            PaidIn.objects.create(project=p, month=month, amount=Decimal(value), currency=p.currency)
        return p

    d = datetime.date
    projects = {
        "renault": project("东风雷诺整车项目", 650000, [(d(year, 1, 10), "negotiating"), (d(year, 3, 1), "signed"),
                                                  (d(year, 9, 1), "construction")],
                           paid=[(d(year, 10, 1), 50000)], fortune500=True, origin="foreign", country_region="法国"),
        "paper": project("晨鸣高端生活用纸生产项目", 320000, [(d(year, 2, 1), "signed")]),
        "old": project("往年签约项目", 10000, [(d(year - 1, 5, 1), "signed"), (d(year, 4, 1), "production")],
                       paid=[(d(year, 5, 1), 2000)]),
    }
    majors = {
        "shenlong": MajorProject.objects.create(zone=zone, unit=units["invest"], name="神龙公司武汉三厂项目",
                                                total_investment=Decimal(820000),
                                                construction_start_planned=d(year, 3, 1),
                                                construction_start_actual=d(year, 3, 15)),
        "late": MajorProject.objects.create(zone=zone, unit=units["invest"], name="官莲湖大桥项目",
                                            total_investment=Decimal(150000),
                                            construction_start_planned=d(year, 5, 1)),
    }
    return projects, majors


def services(zone, units, year=YEAR):
    from zonework.enterprises import credit_code
    from zonework.enterprises.models import Enterprise, ServiceRequest

    code = credit_code.make("91", "420100", "7000000" + "1")
    ent = Enterprise.objects.create(zone=zone, unit=units["econ"], name="东风本田汽车有限公司", credit_code=code)
    d = datetime.date
    reqs = [
        ServiceRequest.objects.create(zone=zone, unit=units["econ"], enterprise=ent, title="用工招聘", category="labour",
                                      received_date=d(year, 3, 1), state="closed", closed_date=d(year, 3, 5),
                                      satisfaction=5),
        ServiceRequest.objects.create(zone=zone, unit=units["econ"], enterprise=ent, title="道路改造",
                                      category="infrastructure", received_date=d(year, 4, 1), state="closed",
                                      closed_date=d(year, 6, 1), satisfaction=3),
        ServiceRequest.objects.create(zone=zone, unit=units["econ"], enterprise=ent, title="用电增容",
                                      category="utilities", received_date=d(year, 5, 1), state="handling"),
    ]
    return ent, reqs


def full_year(zone, units, year=YEAR, *, next_year=True):
    data = {"economy": economy(zone, year)}
    data["plan"], data["tasks"] = work(zone, units, year)
    data["projects"], data["majors"] = investment(zone, units, year)
    data["enterprise"], data["requests"] = services(zone, units, year)
    if next_year:
        data["next_targets"] = next_year_targets(zone, year + 1)
        data["next_plan"], data["next_tasks"] = work(zone, units, year + 1, title=f"{year + 1}年工作要点")
    return data
