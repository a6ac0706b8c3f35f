"""Enterprises and the life of a service request, through the actions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.enterprises.factories import make_enterprise, make_request
from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.enterprises import actions
from zonework.enterprises.figures import unit_figures
from zonework.enterprises.models import Enterprise, LiaisonVisit, ServiceRequest

D = datetime.date


@pytest.fixture
def enterprise(zone, units, unit_user):
    return make_enterprise(unit_user, zone, units["invest"], credit_code="91420100MA4K5C2A7H")


def test_invalid_credit_code_is_refused_and_nothing_saved(zone, units, unit_user):
    with pytest.raises(ValidationError) as exc:
        make_enterprise(unit_user, zone, units["invest"], credit_code="91420100MA4K5C2A7J")
    assert "校验位错误" in exc.value.message_dict["credit_code"][0]
    assert not Enterprise.objects.exists()


def test_credit_code_is_stored_normalised_and_unique_in_the_zone(zone, units, unit_user, enterprise):
    assert enterprise.credit_code == "91420100MA4K5C2A7H"
    with pytest.raises(ValidationError, match="已有统一社会信用代码"):
        make_enterprise(unit_user, zone, units["invest"], name="另一家", credit_code="91420100ma4k5c2a7h")


def test_request_life_cycle(enterprise, units, unit_user):
    from tests.factories import role_user

    handler = role_user("unit_user", units["invest_sub"], username="yike")
    req = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    assert req.state == "received" and req.clock_date == D(2025, 6, 2)
    req = actions.assign_request(req, units["invest_sub"], date=D(2025, 6, 3), acting_user=unit_user)
    # Assigned: the handling unit (招商一科) owns it now, and its staff carry it on.
    req = actions.start_request(req, date=D(2025, 6, 3), acting_user=handler)
    req = actions.reply_request(req, "已协调城建部门疏通排水。", date=D(2025, 6, 4), acting_user=handler)
    req = actions.close_request(req, satisfaction=5, date=D(2025, 6, 9), acting_user=handler)
    assert (req.state, req.satisfaction, req.status_light) == ("closed", 5, "green")
    events = list(AuditEntry.objects.filter(event__startswith="request.").values_list("event", flat=True))
    assert sorted(events) == sorted(["request.received", "request.assigned", "request.started", "request.replied",
                                     "request.closed"])


def test_assign_twice_to_the_same_unit_is_refused_once_recorded(enterprise, units, unit_user):
    req = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    actions.assign_request(req, units["invest"], date=D(2025, 6, 2), acting_user=unit_user)
    with pytest.raises(ValidationError, match="已交办.*请勿重复交办"):
        actions.assign_request(req, units["invest"], date=D(2025, 6, 2), acting_user=unit_user)
    assert AuditEntry.objects.filter(event="request.assigned").count() == 1
    # Handing it on to another unit (转办) is still a step of its own.
    actions.assign_request(req, units["invest_sub"], date=D(2025, 6, 3), acting_user=unit_user)
    assert AuditEntry.objects.filter(event="request.assigned").count() == 2


def test_satisfaction_is_the_enterprises_answer_with_who_and_when(zone, units, unit_user):
    firm = make_enterprise(unit_user, zone, units["invest"], name="无联系人企业", contact_name="")
    req = make_request(unit_user, firm, units["invest"], received=D(2025, 6, 2))
    req = actions.assign_request(req, units["invest"], date=D(2025, 6, 2), acting_user=unit_user)
    req = actions.reply_request(req, "已答复", date=D(2025, 6, 3), acting_user=unit_user)
    # Without a named contact the bureau would be rating itself: refused, nothing saved.
    with pytest.raises(ValidationError, match="请填写给出评价的企业联系人"):
        actions.close_request(req, satisfaction=5, date=D(2025, 6, 4), acting_user=unit_user)
    req.refresh_from_db()
    assert (req.state, req.satisfaction) == ("replied", None)
    req = actions.close_request(req, satisfaction=4, rated_by="李经理", date=D(2025, 6, 4), acting_user=unit_user)
    assert (req.satisfaction, req.satisfaction_by, req.satisfaction_date) == (4, "李经理", D(2025, 6, 4))
    assert "企业（李经理）评价满意度4分" in AuditEntry.objects.get(event="request.closed").message


def test_reopen_when_not_satisfied_restarts_the_clock(enterprise, units, unit_user):
    req = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    req = actions.assign_request(req, units["invest"], date=D(2025, 6, 2), acting_user=unit_user)
    req = actions.reply_request(req, "答复", date=D(2025, 6, 3), acting_user=unit_user)
    with pytest.raises(ValidationError, match="须填写企业不满意的原因"):
        actions.reopen_request(req, "", date=D(2025, 6, 5), acting_user=unit_user)
    req = actions.reopen_request(req, "积水仍未解决", satisfaction=2, date=D(2025, 6, 5), acting_user=unit_user)
    assert (req.state, req.clock_date, req.replied_date, req.reopen_count, req.satisfaction) == (
        "handling", D(2025, 6, 5), None, 1, 2)
    assert req.due_dates()["resolve"] == D(2025, 6, 19)


@pytest.mark.parametrize(("step", "kwargs", "message"), [
    ("start", {}, "诉求当前为“受理”，不能开始办理"),
    ("close", {}, "不能办结"),
    ("assign", {"unit": None}, "请选择承办单位"),
    ("assign", {"date": "2025-05-01"}, "不能早于上一步的日期"),
    ("assign", {"date": "2099-01-01"}, "不能晚于今天"),
])
def test_bad_steps_are_refused(enterprise, units, unit_user, step, kwargs, message):
    req = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    if step == "assign" and "unit" not in kwargs:
        kwargs = {**kwargs, "unit": units["invest"]}
    with pytest.raises(ValidationError) as exc:
        actions.transition(req, step, acting_user=unit_user, **kwargs)
    assert message in " ".join(exc.value.messages)
    req.refresh_from_db()
    assert req.state == "received"


def test_satisfaction_out_of_range_is_refused(enterprise, units, unit_user):
    req = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    actions.assign_request(req, units["invest"], date=D(2025, 6, 2), acting_user=unit_user)
    actions.reply_request(req, "答复", date=D(2025, 6, 3), acting_user=unit_user)
    with pytest.raises(ValidationError, match="满意度“6”应为1至5分"):
        actions.close_request(req, satisfaction=6, acting_user=unit_user)
    assert ServiceRequest.objects.get().state == "replied"


def test_a_request_past_its_limit_turns_red(enterprise, units, unit_user):
    old = clock.today() - datetime.timedelta(days=10)
    req = make_request(unit_user, enterprise, units["invest"], received=old)
    assert req.status_light == "red" and "交办已超期" in req.light_note


def test_leader_visits_are_recorded(enterprise, leader, unit_user):
    enterprise.liaison_leader = leader
    enterprise.save()
    visit = actions.record_visit(enterprise, {"date": D(2025, 6, 1), "summary": "了解扩产用地需求"},
                                 acting_user=unit_user)
    assert (visit.leader, LiaisonVisit.objects.count()) == (leader, 1)


def test_unit_figures(zone, units, enterprise, unit_user, admin_user):
    """Two units, known dates (received Monday 2 June 2025):
    招商局: r1 replied 06-04 (2 wd), closed 06-10 on time, rated 4; r2 never assigned → overdue.
    招商一科: r3 replied 06-09 (5 wd, late), closed 06-20 (late), rated 2.
    """
    r1 = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    actions.assign_request(r1, units["invest"], date=D(2025, 6, 3), acting_user=unit_user)
    actions.reply_request(r1, "答复", date=D(2025, 6, 4), acting_user=unit_user)
    actions.close_request(r1, satisfaction=4, date=D(2025, 6, 10), acting_user=unit_user)
    make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    r3 = make_request(unit_user, enterprise, units["invest"], received=D(2025, 6, 2))
    actions.assign_request(r3, units["invest_sub"], date=D(2025, 6, 3), acting_user=unit_user)
    actions.reply_request(r3, "答复", date=D(2025, 6, 9), acting_user=admin_user)
    actions.close_request(r3, satisfaction=2, date=D(2025, 6, 20), acting_user=admin_user)
    total, *rows = unit_figures(ServiceRequest.objects.all(), D(2025, 6, 1), D(2025, 6, 30), today=D(2025, 7, 1))
    assert (total.received, total.median_reply_days, total.on_time, total.decided) == (3, 3.5, 1, 3)
    assert total.on_time_rate == Decimal("33.3") and total.satisfaction == Decimal("3.00")
    by_unit = {r.label: (r.received, r.on_time_rate, r.overdue, r.median_reply_days) for r in rows}
    assert by_unit == {"招商局": (2, Decimal("50.0"), 1, 2), "招商一科": (1, Decimal("0.0"), 0, 5)}
