"""领导批示 on an indicator's target: it reaches the target's responsible unit, from the cockpit's link."""

import pytest

from tests.economy.factories import IndicatorFactory, TargetFactory
from zonework.core.todos import todos_for


@pytest.fixture
def target(zone, units, clock_today):
    return TargetFactory(zone=zone, indicator=IndicatorFactory(name="实际利用外资"), year=clock_today.year,
                         unit=units["invest"])


@pytest.fixture
def clock_today():
    from zonework.core import clock

    return clock.today()


def test_a_targets_instruction_is_the_responsible_units_to_do_until_replied(target, leader, unit_user, login, client):
    login(leader)
    response = client.post(f"/work/instructions/?target={target.pk}", {"text": "外资要确保完成"}, follow=True)
    assert "批示已送达招商局" in response.content.decode()
    ins = target.zone.work_instructions.get()
    assert ins.subject == target and ins.unit == target.unit
    todo = [i for i in todos_for(unit_user) if i.kind == "work.instruction"]
    assert len(todo) == 1 and "外资要确保完成" in todo[0].note
    client.logout()
    login(unit_user)
    page = client.get(todo[0].url).content.decode()
    assert "外资要确保完成" in page and "回复批示" in page
    client.post(f"/work/instructions/{ins.pk}/reply/", {"reply": "已对接三家外资企业"})
    assert not [i for i in todos_for(unit_user) if i.kind == "work.instruction"]


def test_each_dashboard_card_offers_a_leader_its_instruction_and_no_one_else(target, leader, supervisor, login,
                                                                            client):
    instruct = f'href="/work/instructions/?target={target.pk}"'
    login(leader)
    page = client.get("/economy/").content.decode()
    assert 'data-indicator="实际利用外资"' in page and instruct in page
    # the link opens the page where the 批示 is written
    assert "实际利用外资" in client.get(f"/work/instructions/?target={target.pk}").content.decode()
    client.logout()
    login(supervisor)  # the supervision office chases tasks; it does not write 批示
    page = client.get("/economy/").content.decode()
    assert 'data-indicator="实际利用外资"' in page and instruct not in page
