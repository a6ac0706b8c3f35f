"""The demo: the zones the seed reports name, the units seed 001 assigns tasks to, a user per role.

Built by the project's own code, so a fresh machine with only the repository gets the same demo.
Running it again changes nothing that is already there.
"""

import os
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from zonework.core import actions
from zonework.core.choices import RoleCode, UnitKind, ZoneKind, ZoneLevel
from zonework.core.models import Park, Role, Unit, User, Zone

DEMO_PASSWORD = "Zonework@2026"

ZONES = [
    ("武汉经济技术开发区", "武汉经开区", ZoneLevel.NATIONAL, "湖北省", "武汉市", 1991),
    ("宁波国家高新区", "宁波高新区", ZoneLevel.NATIONAL, "浙江省", "宁波市", 2007),
    ("温州经济技术开发区", "温州经开区", ZoneLevel.NATIONAL, "浙江省", "温州市", 1992),
    ("常州国家高新区", "新北区", ZoneLevel.NATIONAL, "江苏省", "常州市", 1992),
    ("北京经济技术开发区", "北京亦庄", ZoneLevel.NATIONAL, "北京市", "北京市", 1992),
]

# The responsible units named in seed 001's task list, with the kind each is and its other names.
WUHAN_UNITS = [
    ("党政办公室", UnitKind.OFFICE, None, ["党政办"]),
    ("督查室", UnitKind.OFFICE, "党政办公室", ["督查办"]),
    ("组织部", UnitKind.OFFICE, None, []),
    ("宣传部", UnitKind.OFFICE, None, []),
    ("统战部", UnitKind.OFFICE, None, []),
    ("发改局", UnitKind.BUREAU, None, ["发展和改革局"]),
    ("经信局", UnitKind.BUREAU, None, ["经济和信息化局"]),
    ("招商局", UnitKind.BUREAU, None, ["投资促进局"]),
    ("财政局", UnitKind.BUREAU, None, []),
    ("人资局", UnitKind.BUREAU, None, ["人力资源局"]),
    ("国土规划局", UnitKind.BUREAU, None, []),
    ("城乡建设局", UnitKind.BUREAU, None, ["建设局"]),
    ("环保局", UnitKind.BUREAU, None, ["环境保护局"]),
    ("城管局", UnitKind.BUREAU, None, ["城市管理局"]),
    ("农业局", UnitKind.BUREAU, None, []),
    ("市场监管局", UnitKind.BUREAU, None, ["市场监督管理局"]),
    ("行政审批局", UnitKind.BUREAU, None, []),
    ("卫计局", UnitKind.BUREAU, None, ["卫生和计划生育局"]),
    ("教育局", UnitKind.BUREAU, None, []),
    ("公安分局", UnitKind.BUREAU, None, []),
    ("知识产权工作中心", UnitKind.OTHER, "市场监管局", []),
    ("体育中心", UnitKind.OTHER, None, []),
    ("共建办", UnitKind.OFFICE, None, []),
    ("农发投公司", UnitKind.COMPANY, None, ["农业发展投资公司"]),
    ("商务城", UnitKind.PARK, None, []),
    ("港口物流园", UnitKind.PARK, None, []),
    ("智慧生态城", UnitKind.PARK, None, []),
    ("经开综保区", UnitKind.PARK, None, ["综合保税区"]),
    ("通航产业园", UnitKind.PARK, None, []),
    ("先进制造产业区", UnitKind.PARK, None, []),
    ("汽车及零部件产业园", UnitKind.PARK, None, []),
    ("纱帽街道", UnitKind.STREET, None, []),
    ("邓南街道", UnitKind.STREET, None, []),
    ("东荆街道", UnitKind.STREET, None, []),
    ("湘口街道", UnitKind.STREET, None, []),
]
WUHAN_PARKS = [("商务城", "12"), ("港口物流园", "8.5"), ("智慧生态城", "20"), ("经开综保区", "5.41"),
               ("通航产业园", "15"), ("先进制造产业区", "30"), ("汽车及零部件产业园", "40")]
OTHER_UNITS = [("党政办公室", UnitKind.OFFICE), ("经发局", UnitKind.BUREAU), ("招商局", UnitKind.BUREAU),
               ("财政局", UnitKind.BUREAU), ("企业服务中心", UnitKind.OFFICE)]

# (username, name, role, unit) for the first zone; every login prints at the end of ./run.sh.
USERS = [
    ("admin", "系统管理员", RoleCode.ADMIN, "党政办公室"),
    ("leader", "王主任", RoleCode.LEADER, "党政办公室"),
    ("supervisor", "李督查", RoleCode.SUPERVISOR, "督查室"),
    ("zhaoshang", "张招商", RoleCode.UNIT_USER, "招商局"),
    ("jingxin", "陈经信", RoleCode.UNIT_USER, "经信局"),
    ("auditor", "赵审计", RoleCode.AUDITOR, "党政办公室"),
    ("security", "钱安全", RoleCode.SECURITY_ADMIN, "党政办公室"),
]


def reports_folder():
    """Where the demo finds real work reports: ZONEWORK_DEMO_REPORTS, else the team's seeds beside
    the repository. On a user's machine neither exists and each app builds its demo without them."""
    folder = os.environ.get("ZONEWORK_DEMO_REPORTS")
    return Path(folder) if folder else Path(settings.REPO_DIR).parent / "shared" / "seeds"


def system_user():
    """The account demo rows are written as: a superuser made for loading, never printed."""
    user, created = User.objects.get_or_create(username="demo-loader", defaults={"is_superuser": True,
                                                                                 "is_active": True,
                                                                                 "display_name": "演示数据"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def zone_kind(name):
    """经开区 or 高新区, as the zone's official name says."""
    if "高新" in name:
        return ZoneKind.HIGHTECH
    return ZoneKind.ETDZ if "经济技术" in name else ZoneKind.OTHER


def load(stdout=None):
    actor = system_user()
    zones = {}
    for name, short, level, province, city, year in ZONES:
        zone = Zone.objects.filter(name=name).first() or actions.create_zone(
            {"name": name, "short_name": short, "level": level, "kind": zone_kind(name), "province": province,
             "city": city, "established_year": year}, acting_user=actor)
        zones[name] = zone
    wuhan = zones["武汉经济技术开发区"]
    for name, area in WUHAN_PARKS:
        if not Park.objects.filter(zone=wuhan, name=name).exists():
            actions.create_park({"zone": wuhan, "name": name, "area_km2": Decimal(area)}, acting_user=actor)
    for order, (name, kind, parent, aliases) in enumerate(WUHAN_UNITS):
        if not Unit.objects.filter(zone=wuhan, name=name).exists():
            actions.create_unit({"zone": wuhan, "name": name, "kind": kind, "aliases": aliases,
                                 "parent": Unit.objects.get(zone=wuhan, name=parent) if parent else None,
                                 "sort_order": order}, acting_user=actor)
    for zone in zones.values():
        if zone == wuhan:
            continue
        for order, (name, kind) in enumerate(OTHER_UNITS):
            if not Unit.objects.filter(zone=zone, name=name).exists():
                actions.create_unit({"zone": zone, "name": name, "kind": kind, "sort_order": order},
                                    acting_user=actor)
    roles = {r.code: r for r in Role.objects.all()}
    logins = []
    for username, display, role, unit_name in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = actions.create_user(
                {"username": username, "display_name": display, "unit": Unit.objects.get(zone=wuhan, name=unit_name),
                 "roles": [roles[role]]}, password=DEMO_PASSWORD, acting_user=actor,
                # The demo logs in in one step; a real install's new accounts change it at first login.
                must_change_password=False)
        logins.append((username, DEMO_PASSWORD, RoleCode(role).label, unit_name))
    # Province staff: a leader who sees every demo zone side by side (the header's zone switcher).
    if not User.objects.filter(username="province").exists():
        actions.create_user(
            {"username": "province", "display_name": "省商务厅", "unit": Unit.objects.get(zone=wuhan, name="党政办公室"),
             "roles": [roles[RoleCode.LEADER]], "zones": list(zones.values())},
            password=DEMO_PASSWORD, acting_user=actor,
            must_change_password=False)
    logins.append(("province", DEMO_PASSWORD, "领导（多个开发区）", "省商务厅"))
    return {"zones": zones, "actor": actor, "logins": logins}


def waive_password_change(context):
    """The demo's printed passwords are meant to be typed as they are: no account in the list is
    sent to the change-password page first (a real install's new accounts are)."""
    names = [login[0] for login in context.get("logins", [])]
    for user in User.objects.filter(username__in=names, must_change_password=True):
        actions.update_user(user, {"must_change_password": False}, acting_user=context["actor"])
