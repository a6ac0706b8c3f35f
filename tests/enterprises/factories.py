
from zonework.core import clock
from zonework.enterprises import actions, credit_code
from zonework.enterprises.choices import RequestCategory

_n = [0]


def next_code(region="420100"):
    _n[0] += 1
    return credit_code.make("91", region, f"MA4K{_n[0]:04d}")


def make_enterprise(user, zone, unit, name="武汉某汽车零部件有限公司", **fields):
    data = {"zone": zone, "unit": unit, "name": name, "credit_code": fields.pop("credit_code", None) or next_code(),
            "contact_name": fields.pop("contact_name", "张经理"), **fields}
    return actions.create_enterprise(data, acting_user=user)


def make_request(user, enterprise, unit, received=None, **fields):
    data = {"zone": enterprise.zone, "unit": unit, "enterprise": enterprise, "title": fields.pop("title", "厂区道路积水"),
            "category": fields.pop("category", RequestCategory.INFRASTRUCTURE),
            "received_date": received or clock.today(), **fields}
    return actions.receive_request(data, acting_user=user)
