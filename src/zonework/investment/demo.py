"""Demo pipeline for 武汉经济技术开发区: projects at every stage with dated history, paid-in money and
two major projects, so the board, the funnel, the figures and the stall list all show something.

The seed reports' own projects (东风雷诺整车项目 ...) come in through the documents import, which calls
`commit_document_projects`; they are not repeated here. Running the demo again adds nothing.
"""

import datetime
from decimal import Decimal

from zonework.core import clock
from zonework.core.models import Industry, Park, Unit, User

from . import actions
from .choices import Currency, Origin, Stage
from .models import InvestmentProject, MajorProject
from .stall import add_months

ZONE = "武汉经济技术开发区"

# name, investor, origin, country, fortune500, industry, park, amount (万), currency,
# history [(days ago, stage, reason)], paid-in [(months ago, amount)], capital increase added amount
PROJECTS = [
    ("智能网联汽车零部件产业园项目", "某汽车零部件集团", Origin.DOMESTIC, "", False, "36", "汽车及零部件产业园",
     300000, Currency.CNY, [(420, Stage.LEAD), (380, Stage.NEGOTIATING), (300, Stage.SIGNED),
                            (250, Stage.REGISTERED), (200, Stage.LAND_GRANTED), (150, Stage.CONSTRUCTION),
                            (30, Stage.PRODUCTION)], [(9, 50000), (6, 60000), (3, 40000)], None),
    ("新能源汽车电驱系统项目", "某德国汽车集团", Origin.FOREIGN, "德国", True, "36", "汽车及零部件产业园",
     50000, Currency.USD, [(330, Stage.NEGOTIATING), (240, Stage.SIGNED), (200, Stage.REGISTERED),
                           (120, Stage.LAND_GRANTED), (60, Stage.CONSTRUCTION)], [(5, 8000), (2, 7000)], None),
    ("动力电池Pack生产基地项目", "某新能源科技公司", Origin.DOMESTIC, "", False, "38", "先进制造产业区",
     150000, Currency.CNY, [(260, Stage.NEGOTIATING), (200, Stage.SIGNED), (150, Stage.REGISTERED),
                            (80, Stage.LAND_GRANTED)], [(4, 20000)], None),
    ("半导体封装测试项目", "某半导体公司", Origin.FOREIGN, "新加坡", False, "39", "先进制造产业区",
     20000, Currency.USD, [(210, Stage.NEGOTIATING), (160, Stage.SIGNED), (100, Stage.REGISTERED)], [], None),
    ("生物医药研发中心项目", "某医药集团", Origin.DOMESTIC, "", True, "27", "智慧生态城",
     80000, Currency.CNY, [(190, Stage.NEGOTIATING), (120, Stage.SIGNED)], [(2, 5000)], None),
    ("工业互联网平台总部项目", "某软件公司", Origin.DOMESTIC, "", False, "65", "商务城",
     30000, Currency.CNY, [(150, Stage.LEAD), (90, Stage.NEGOTIATING), (40, Stage.SIGNED)], [], None),
    ("汽车模具扩产项目", "某模具有限公司", Origin.DOMESTIC, "", False, "35", "汽车及零部件产业园",
     60000, Currency.CNY, [(140, Stage.SIGNED), (70, Stage.CONSTRUCTION, "增资项目利用原有厂房和土地，无须另行注册、供地")], [(1, 6000)], 15000),
    ("跨境电商物流枢纽项目", "某物流集团", Origin.DOMESTIC, "", True, "59", "港口物流园",
     120000, Currency.CNY, [(400, Stage.SIGNED), (330, Stage.REGISTERED), (280, Stage.CONSTRUCTION, "在已有工业用地上建设，未另行供地"),
                            (20, Stage.PRODUCTION), (5, Stage.FULL_CAPACITY)], [(12, 30000), (6, 50000)], None),
    ("冷链物流园项目", "某冷链公司", Origin.DOMESTIC, "", False, "59", "港口物流园",
     25000, Currency.CNY, [(230, Stage.NEGOTIATING), (180, Stage.SIGNED),
                           (50, Stage.TERMINATED, "投资方资金链紧张，项目终止")], [], None),
    ("航空零部件项目", "某航空工业公司", Origin.DOMESTIC, "", False, "37", "通航产业园",
     40000, Currency.CNY, [(20, Stage.LEAD)], [], None),
    ("智慧医疗器械项目", "某医疗器械公司", Origin.DOMESTIC, "", False, "35", "智慧生态城",
     18000, Currency.CNY, [(200, Stage.LEAD), (100, Stage.NEGOTIATING)], [], None),
    ("大数据中心项目", "某通信运营商", Origin.DOMESTIC, "", True, "65", "商务城",
     200000, Currency.CNY, [(120, Stage.LEAD), (70, Stage.NEGOTIATING)], [], None),
    ("氢燃料电池系统项目", "某日本商社", Origin.FOREIGN, "日本", True, "38", "先进制造产业区",
     8000, Currency.USD, [(45, Stage.NEGOTIATING), (10, Stage.SIGNED)], [], None),
]


def _officer():
    return User.objects.filter(username="zhaoshang").first()


def load(context, stdout):
    zone = context["zones"].get(ZONE)
    if zone is None:
        return
    actor = context["actor"]
    unit = Unit.objects.filter(zone=zone, name="招商局").first()
    if unit is None:
        return
    today = clock.today()
    officer = _officer()
    created = 0
    for (name, investor, origin, country, f500, code, park_name, amount, currency, history, paid,
         added) in PROJECTS:
        if InvestmentProject.objects.filter(zone=zone, name=name).exists():
            continue
        data = {"zone": zone, "unit": unit, "name": name, "investor": investor, "origin": origin,
                "country_region": country, "fortune500": f500, "industry": Industry.objects.filter(code=code).first(),
                "park": Park.objects.filter(zone=zone, name=park_name).first(), "officer": officer,
                "agreed_investment": Decimal(amount), "currency": currency,
                "is_capital_increase": added is not None, "added_amount": Decimal(added) if added else None,
                "land_area": Decimal(amount // 1000) if currency == Currency.CNY else None}
        first = history[0]
        project = actions.create_project(data, acting_user=actor, stage=first[1],
                                         stage_date=today - datetime.timedelta(days=first[0]))
        for entry in history[1:]:
            actions.change_stage(project, entry[1], date=today - datetime.timedelta(days=entry[0]),
                                 reason=entry[2] if len(entry) > 2 else "", acting_user=actor)
        for months_ago, value in paid:
            actions.record_paid_in(project, add_months(today, -months_ago), Decimal(value), acting_user=actor)
        created += 1
    _major_projects(zone, unit, actor, today)
    if created:
        stdout.write(f"招商引资：新建演示项目{created}个（{ZONE}）")


def _major_projects(zone, unit, actor, today):
    linked = InvestmentProject.objects.filter(zone=zone, name="智能网联汽车零部件产业园项目").first()
    rows = [
        ("智能网联汽车零部件产业园（一期）", linked, 300000, {
            "construction_start_planned": today - datetime.timedelta(days=160),
            "construction_start_actual": today - datetime.timedelta(days=150),
            "completion_planned": today - datetime.timedelta(days=60),
            "completion_actual": today - datetime.timedelta(days=45),
            "production_start_planned": today - datetime.timedelta(days=40),
            "production_start_actual": today - datetime.timedelta(days=30)}),
        ("经开区综合管廊二期工程", None, 90000, {
            "construction_start_planned": today - datetime.timedelta(days=300),
            "construction_start_actual": today - datetime.timedelta(days=280),
            "completion_planned": today - datetime.timedelta(days=45)}),
    ]
    for name, project, total, dates in rows:
        if MajorProject.objects.filter(zone=zone, name=name).exists():
            continue
        major = actions.create_major_project({"zone": zone, "unit": unit, "name": name, "investment_project": project,
                                              "total_investment": Decimal(total), **dates}, acting_user=actor)
        actions.set_major_project_year(major, today.year, planned=Decimal(total) / 2,
                                       completed=Decimal(total) / 3, acting_user=actor)
