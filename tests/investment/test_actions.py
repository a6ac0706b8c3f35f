"""Project actions: stages dated and recorded, bad input refused in Chinese with nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.investment.factories import make_project
from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.core.scope import ScopeDenied
from zonework.investment import actions
from zonework.investment.choices import Currency, Stage
from zonework.investment.models import InvestmentProject, PaidIn, StageChange

D = datetime.date


@pytest.fixture
def project(zone, units, unit_user):
    return make_project(unit_user, zone, units["invest"], "东风雷诺整车项目",
                        [(D(2025, 1, 10), Stage.SIGNED)], amount=650000, officer=unit_user)


def test_stage_change_is_dated_recorded_and_audited(project, unit_user):
    change = actions.change_stage(project, Stage.CONSTRUCTION, date=D(2025, 3, 1), reason="利用原有厂房",
                                  acting_user=unit_user)
    project.refresh_from_db()
    assert (project.stage, project.stage_date) == (Stage.CONSTRUCTION, D(2025, 3, 1))
    assert (change.from_stage, change.to_stage, change.by) == (Stage.SIGNED, Stage.CONSTRUCTION, unit_user)
    assert list(project.stage_changes.values_list("to_stage", flat=True)) == ["signed", "construction"]
    event = AuditEntry.objects.get(event="project.stage_changed")
    assert "由“签约”调整为“开工”" in event.message and event.user == unit_user


def _refused(func, message, *counts):
    before = [m.objects.count() for m in counts]
    with pytest.raises(ValidationError) as exc:
        func()
    assert message in " ".join(exc.value.messages)
    assert [m.objects.count() for m in counts] == before, "nothing saved"


def test_backwards_without_reason_is_refused(project, unit_user):
    _refused(lambda: actions.change_stage(project, Stage.NEGOTIATING, date=D(2025, 2, 1), acting_user=unit_user),
             "由“签约”退回“洽谈”，须填写原因", StageChange)
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    actions.change_stage(project, Stage.NEGOTIATING, date=D(2025, 2, 1), reason="投资方重新论证", acting_user=unit_user)
    assert StageChange.objects.filter(project=project, to_stage="negotiating", reason="投资方重新论证").exists()


def test_skipping_a_stage_forward_needs_a_reason_kept_in_the_history(project, unit_user):
    _refused(lambda: actions.change_stage(project, Stage.CONSTRUCTION, date=D(2025, 3, 1), acting_user=unit_user),
             "阶段由“签约”跳过“注册、供地”调整为“开工”，须填写原因", StageChange)
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    # The next stage needs no reason; a skip with one is kept with the change.
    actions.change_stage(project, Stage.REGISTERED, date=D(2025, 2, 1), acting_user=unit_user)
    actions.change_stage(project, Stage.CONSTRUCTION, date=D(2025, 3, 1), reason="在已有工业用地上建设",
                         acting_user=unit_user)
    change = project.stage_changes.get(to_stage=Stage.CONSTRUCTION)
    assert (change.from_stage, change.reason) == (Stage.REGISTERED, "在已有工业用地上建设")
    assert "原因：在已有工业用地上建设" in AuditEntry.objects.filter(event="project.stage_changed").order_by("pk").last().message


def test_production_before_construction_is_refused(project, unit_user):
    actions.change_stage(project, Stage.CONSTRUCTION, date=D(2025, 5, 1), reason="利用原有厂房", acting_user=unit_user)
    _refused(lambda: actions.change_stage(project, Stage.PRODUCTION, date=D(2025, 4, 1), acting_user=unit_user),
             "投产日期（2025-04-01）不能早于开工日期（2025-05-01）", StageChange)


def test_expected_production_before_expected_construction_is_refused(zone, units, unit_user):
    _refused(lambda: actions.create_project(
        {"zone": zone, "unit": units["invest"], "name": "某项目", "expected_construction_date": D(2026, 5, 1),
         "expected_production_date": D(2026, 1, 1)}, acting_user=unit_user),
        "预计投产日期（2026-01-01）不能早于预计开工日期（2026-05-01）", InvestmentProject, StageChange)


def test_future_date_and_termination_without_reason_are_refused(project, unit_user):
    tomorrow = clock.today() + datetime.timedelta(days=1)
    _refused(lambda: actions.change_stage(project, Stage.REGISTERED, date=tomorrow, acting_user=unit_user),
             "不能晚于今天", StageChange)
    _refused(lambda: actions.change_stage(project, Stage.TERMINATED, acting_user=unit_user), "终止项目须填写原因",
             StageChange)
    _refused(lambda: actions.change_stage(project, Stage.REGISTERED, date=D(2024, 1, 1), acting_user=unit_user),
             "不能早于上一次变更日期", StageChange)


@pytest.mark.parametrize(("amount", "message"), [(Decimal(-5), "协议投资额不能为负数"), ("abc", "协议投资额“abc”不是数字")])
def test_negative_or_non_numeric_amount_is_refused(zone, units, unit_user, amount, message):
    _refused(lambda: actions.create_project({"zone": zone, "unit": units["invest"], "name": "负数项目",
                                             "agreed_investment": amount}, acting_user=unit_user),
             message, InvestmentProject, StageChange)


def test_paid_in_in_another_currency_is_refused(project, unit_user):
    _refused(lambda: actions.record_paid_in(project, "2025-02", 100, currency=Currency.USD, acting_user=unit_user),
             "到位资金币种（美元（万美元））与协议投资额币种（人民币（万元））不一致", PaidIn)
    _refused(lambda: actions.record_paid_in(project, "2025-02", -1, acting_user=unit_user), "不能为负数", PaidIn)
    _refused(lambda: actions.record_paid_in(project, "2025-02", "一百", acting_user=unit_user), "不是数字", PaidIn)


def test_paid_in_is_recorded_once_per_month(project, unit_user):
    actions.record_paid_in(project, "2025-02", 100, acting_user=unit_user)
    actions.record_paid_in(project, "2025年2月", 150, acting_user=unit_user)
    assert list(PaidIn.objects.values_list("month", "amount", "currency")) == [(D(2025, 2, 1), Decimal(150), "CNY")]


def test_capital_increase_counts_only_the_added_amount(zone, units, unit_user):
    p = make_project(unit_user, zone, units["invest"], "增资扩产项目", [(D(2025, 1, 1), Stage.SIGNED)],
                     amount=50000, is_capital_increase=True, added_amount=Decimal(8000))
    assert p.counted_investment == Decimal(8000)
    _refused(lambda: actions.create_project({"zone": zone, "unit": units["invest"], "name": "缺新增额",
                                             "agreed_investment": 100, "is_capital_increase": True},
                                            acting_user=unit_user), "须填写新增投资额", InvestmentProject)


def test_foreign_project_needs_country(zone, units, unit_user):
    _refused(lambda: actions.create_project({"zone": zone, "unit": units["invest"], "name": "外资项目",
                                             "origin": "foreign"}, acting_user=unit_user),
             "须填写投资方的国别", InvestmentProject)


def test_unit_user_cannot_touch_another_units_project(zone, units, admin_user, unit_user):
    other = make_project(admin_user, zone, units["econ"], "经信局项目", [(D(2025, 1, 1), Stage.SIGNED)])
    with pytest.raises(ScopeDenied):
        actions.change_stage(other, Stage.REGISTERED, acting_user=unit_user)
    assert AuditEntry.objects.filter(action="denied", event="change_stage").exists()


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (65, "亿元", (Decimal(650000), "CNY")), ("3000", "万元", (Decimal(3000), "CNY")),
    (1.2, "亿美元", (Decimal(12000), "USD")), (500, "万美元", (Decimal(500), "USD")),
    (50000000, "元", (Decimal(5000), "CNY")),
])
def test_amount_conversion_is_explicit(value, unit, expected):
    assert actions.convert_amount(value, unit) == expected


def test_unknown_unit_is_refused():
    with pytest.raises(ValidationError, match="无法识别的金额单位"):
        actions.convert_amount(5, "亿日元")
