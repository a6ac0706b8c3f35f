"""企业服务 to-dos: a request past its time limit is on the handler's list until it is dealt with."""

import datetime

from tests.enterprises.factories import make_enterprise, make_request
from zonework.core import clock
from zonework.core.todos import todos_for
from zonework.enterprises import actions


def requests(user):
    return {item.title: item for item in todos_for(user) if item.kind == "enterprises.request"}


def test_an_overdue_request_is_red_until_it_is_started(admin_user, zone, units):
    firm = make_enterprise(admin_user, zone, units["econ"])
    req = make_request(admin_user, firm, units["econ"], received=clock.today() - datetime.timedelta(days=20))
    assert requests(admin_user)[str(req)].light == "red"
    fresh = make_request(admin_user, firm, units["econ"], title="用电增容")
    assert requests(admin_user).get(str(fresh)) is None or requests(admin_user)[str(fresh)].light == "yellow"
    actions.assign_request(req, units["econ"], acting_user=admin_user)
    actions.start_request(req, acting_user=admin_user)
    actions.reply_request(req, "已协调排水", acting_user=admin_user)
    actions.close_request(req, acting_user=admin_user)
    assert str(req) not in requests(admin_user)
