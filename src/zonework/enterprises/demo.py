"""Demo enterprises for every zone (valid credit codes) with requests in every state, some overdue."""

import datetime

from zonework.core import clock
from zonework.core.models import Industry, Park, Unit, User

from . import actions, credit_code
from .choices import RequestCategory
from .limits import add_working_days
from .models import Enterprise, ServiceRequest

# Region codes of the zones (GB/T 2260) for believable credit codes.
REGIONS = {"武汉经济技术开发区": "420113", "宁波国家高新区": "330212", "温州经济技术开发区": "330303",
           "常州国家高新区": "320411", "北京经济技术开发区": "110115"}
# name suffix, industry, above scale, high tech, listed
ENTERPRISES = [("汽车零部件有限公司", "36", True, True, False), ("电子科技有限公司", "39", True, True, True),
               ("物流有限公司", "59", False, False, False)]
SERVICE_UNITS = ("企业服务中心", "经信局")


def _working_days_ago(today, n):
    day = today
    while n > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def load(context, stdout):
    actor = context["actor"]
    today = clock.today()
    leader = User.objects.filter(username="leader").first()
    made = 0
    for index, (zone_name, zone) in enumerate(context["zones"].items()):
        unit = next((u for n in SERVICE_UNITS for u in Unit.objects.filter(zone=zone, name=n)), None)
        if unit is None:
            continue
        short = zone.short_name or zone.name[:2]
        region = REGIONS.get(zone_name, "420100")
        park = Park.objects.filter(zone=zone).first()
        firms = []
        for k, (suffix, code, above, tech, listed) in enumerate(ENTERPRISES):
            code_str = credit_code.make("91", region, f"MA{index + 1}K{k + 1:02d}X{k + 3}")
            firm = Enterprise.objects.filter(zone=zone, credit_code=code_str).first()
            if firm is None:
                firm = actions.create_enterprise({
                    "zone": zone, "unit": unit, "name": f"{short[:2]}某{suffix}", "credit_code": code_str,
                    "industry": Industry.objects.filter(code=code).first(), "park": park, "above_scale": above,
                    "high_tech": tech, "listed": listed, "contact_name": "王经理", "contact_phone": "027-8000000" + str(k),
                    "liaison_leader": leader if zone_name == "武汉经济技术开发区" else None}, acting_user=actor)
                made += 1
            firms.append(firm)
        _requests(firms, unit, actor, today)
        if leader is not None and zone_name == "武汉经济技术开发区" and not firms[0].visits.exists():
            actions.record_visit(firms[0], {"leader": leader, "date": _working_days_ago(today, 12),
                                            "summary": "走访了解企业扩产用地需求", "issues": "厂区周边道路积水"},
                                 acting_user=actor)
    if made:
        stdout.write(f"企业服务：新建演示企业{made}家")


def _requests(firms, unit, actor, today):
    a, b, c = firms
    plans = [
        # (firm, title, category, working days ago received, steps to take, complex)
        (a, "厂区周边道路积水", RequestCategory.INFRASTRUCTURE, 20, ["assign", "start", "reply", "close"], False),
        (b, "申请高新技术企业认定辅导", RequestCategory.POLICY, 6, ["assign", "reply"], False),
        (c, "新建仓库用电增容", RequestCategory.UTILITIES, 4, ["assign", "start"], False),
        (a, "技术工人招聘困难", RequestCategory.LABOUR, 6, [], False),  # never assigned: red
        (b, "扩产项目用地规划调整", RequestCategory.LAND, 15, ["assign", "start"], True),
        (c, "申请物流车辆通行证", RequestCategory.PERMIT, 0, [], False),  # received today: yellow
    ]
    for firm, title, category, ago, steps, is_complex in plans:
        if ServiceRequest.objects.filter(enterprise=firm, title=title).exists():
            continue
        received = _working_days_ago(today, ago)
        req = actions.receive_request({"zone": firm.zone, "unit": unit, "enterprise": firm, "title": title,
                                       "category": category, "received_date": received, "is_complex": is_complex,
                                       "text": f"{firm.name}反映：{title}。"}, acting_user=actor)
        day = received
        for step in steps:
            day = min(add_working_days(day, 1), today)
            actions.transition(req, step, acting_user=actor, unit=unit, date=day, reply="已协调相关部门办理。",
                               satisfaction=5)
            req.refresh_from_db()
