"""催办 and 交办 of the projects ticked on the project list: a confirmation naming how many, a message to
whoever follows each project, a 催办 to-do that ends when the unit acts, and nobody chased twice a day."""

from tests.factories import role_user
from tests.investment.factories import make_project
from zonework.core.models import Message
from zonework.core.todos import todos_for
from zonework.investment import actions
from zonework.investment.choices import Stage
from zonework.investment.models import ProjectReminder

LIST = "/investment/projects/"
BULK = "/investment/projects/bulk/"


def reminded_titles(user):
    return {item.title for item in todos_for(user) if item.kind == "investment.reminded"}


def test_the_list_offers_remind_to_leaders_and_assign_to_units(login, leader, unit_user, zone, units):
    make_project(unit_user, zone, units["invest"], "光谷芯片项目")
    client = login(leader)
    page = client.get(LIST).content.decode()
    assert 'id="bulk-remind"' in page and 'id="bulk-assign"' not in page
    client.logout()
    page = login(unit_user).get(LIST).content.decode()
    assert 'id="bulk-assign"' in page and 'id="bulk-remind"' not in page


def test_a_leader_chases_two_projects_after_a_confirmation_naming_them(login, leader, unit_user, zone, units):
    officer = role_user("unit_user", units["invest"], username="zs_officer")
    first = make_project(unit_user, zone, units["invest"], "光谷芯片项目", officer=officer)
    second = make_project(unit_user, zone, units["invest"], "新能源电池项目")
    client = login(leader)
    page = client.get(BULK, {"action": "remind", "pk": [first.pk, second.pk]}).content.decode()
    assert "将催办以下 2 个项目" in page and "光谷芯片项目" in page and "新能源电池项目" in page
    assert not ProjectReminder.objects.exists()  # the first request only asks

    response = client.post(BULK, {"action": "remind", "confirm": "1", "pk": [first.pk, second.pk],
                                  "message": "请本周内更新洽谈进展"}, follow=True)
    assert "已催办2个项目" in response.content.decode()
    # the officer follows the first project; the second has none, so every user of its unit hears of it
    assert Message.objects.filter(recipient=officer, title__contains="光谷芯片项目", kind="urged").count() == 1
    assert Message.objects.filter(recipient=unit_user, title__contains="新能源电池项目").count() == 1
    assert not Message.objects.filter(recipient=unit_user, title__contains="光谷芯片项目").exists()
    assert reminded_titles(officer) == {"光谷芯片项目", "新能源电池项目"}
    assert reminded_titles(unit_user) == {"新能源电池项目"}

    again = client.post(BULK, {"action": "remind", "confirm": "1", "pk": [first.pk]}, follow=True)
    assert "1个项目今天已催办过" in again.content.decode()
    assert ProjectReminder.objects.filter(project=first).count() == 1
    assert Message.objects.filter(recipient=officer).count() == 2  # one per project, none again


def test_the_remind_to_do_ends_when_the_unit_moves_the_project(leader, unit_user, zone, units):
    project = make_project(unit_user, zone, units["invest"], "新能源电池项目")
    actions.remind_projects([project], acting_user=leader)
    assert reminded_titles(unit_user) == {"新能源电池项目"}
    actions.change_stage(project, Stage.NEGOTIATING, acting_user=unit_user)
    assert reminded_titles(unit_user) == set()
    assert ProjectReminder.objects.get(project=project).answered_at is not None


def test_a_unit_user_may_not_chase_and_a_project_of_another_zone_is_not_taken(login, leader, unit_user, zone,
                                                                              other_zone, units):
    mine = make_project(unit_user, zone, units["invest"], "光谷芯片项目")
    far_user = role_user("unit_user", units["far"], username="far_zs")
    far = make_project(far_user, other_zone, units["far"], "甬江港口项目")
    client = login(unit_user)
    assert client.post(BULK, {"action": "remind", "confirm": "1", "pk": [mine.pk]}).status_code == 403
    client.logout()
    response = login(leader).post(BULK, {"action": "remind", "confirm": "1", "pk": [far.pk]}, follow=True)
    assert "请先勾选要催办的项目" in response.content.decode()
    assert not ProjectReminder.objects.exists()


def test_a_unit_hands_projects_to_one_officer_of_its_own(login, unit_user, zone, units):
    officer = role_user("unit_user", units["invest"], username="zs_officer")
    outsider = role_user("unit_user", units["econ"], username="jx_user")
    projects = [make_project(unit_user, zone, units["invest"], name) for name in ("光谷芯片项目", "新能源电池项目")]
    client = login(unit_user)
    page = client.get(BULK, {"action": "assign", "pk": [p.pk for p in projects]}).content.decode()
    assert "将交办以下 2 个项目" in page and f'value="{officer.pk}"' in page
    assert f'value="{outsider.pk}"' not in page  # only the projects' own unit is offered

    refused = client.post(BULK, {"action": "assign", "confirm": "1", "pk": [p.pk for p in projects],
                                 "officer": outsider.pk}).content.decode()
    assert "选择一个有效的选项" in refused or "不属于" in refused
    assert not Message.objects.filter(recipient=outsider).exists()

    done = client.post(BULK, {"action": "assign", "confirm": "1", "pk": [p.pk for p in projects],
                              "officer": officer.pk, "note": "请尽快对接"}, follow=True)
    assert "已将2个项目交办给" in done.content.decode()
    assert {p.officer_id for p in (type(projects[0]).objects.filter(pk__in=[p.pk for p in projects]))} == {officer.pk}
    assert Message.objects.filter(recipient=officer, kind="assigned").count() == 1


def test_nothing_ticked_is_refused_with_a_message(login, leader):
    response = login(leader).get(BULK, {"action": "remind"}, follow=True)
    assert "请先勾选要催办的项目" in response.content.decode()
