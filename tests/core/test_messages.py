"""消息中心 and 通知公告 as a user sees them: unread/all tabs, opening a message marks it read, the
envelope's count, the API, and a notice's read receipts (who read it, who has not)."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import role_user
from zonework.core import actions, scope
from zonework.core.models import Message, Notice


def note(user, key, title="新交办任务：深化重点领域改革", link="/todos/"):
    return actions.send_message([user], kind="assigned", title=title, event_key=key, link=link)[0]


def test_the_message_centre_tabs_and_mark_read(unit_user, supervisor, login, client):
    first = note(unit_user, "k:1", title="第一条消息")
    note(unit_user, "k:2", title="第二条消息")
    note(supervisor, "k:3", title="别人的消息")
    login(unit_user)
    page = client.get("/messages/").content.decode()
    assert "第一条消息" in page and "第二条消息" in page and "别人的消息" not in page
    assert 'id="message-count">2<' in page

    response = client.get(f"/messages/{first.pk}/")  # opening it goes to its link and marks it read
    assert response.status_code == 302 and response["Location"] == "/todos/"
    page = client.get("/messages/").content.decode()
    assert "第一条消息" not in page and "第二条消息" in page and 'id="message-count">1<' in page
    assert "第一条消息" in client.get("/messages/?tab=all").content.decode()

    client.post("/messages/read/", {"all": "1"})
    page = client.get("/messages/").content.decode()
    assert "没有未读消息" in page and 'id="message-count"' not in page
    other = Message.objects.get(recipient=supervisor)
    assert client.get(f"/messages/{other.pk}/").status_code == 404
    assert other.read_at is None


def test_nobody_marks_another_persons_message(unit_user, supervisor):
    message = note(supervisor, "k:9")
    with pytest.raises(scope.ScopeDenied):
        actions.mark_read([message], acting_user=unit_user)


def test_api_lists_the_callers_messages_paginated(unit_user, supervisor, api_client):
    note(unit_user, "k:1", title="甲")
    read = note(unit_user, "k:2", title="乙")
    note(supervisor, "k:3", title="丙")
    actions.mark_read([read], acting_user=unit_user)
    api_client.force_authenticate(unit_user)
    data = api_client.get("/api/messages/").json()
    assert data["count"] == 2 and {m["title"] for m in data["results"]} == {"甲", "乙"}
    assert {"kind", "title", "body", "link", "created", "read_at"} <= set(data["results"][0])
    unread = api_client.get("/api/messages/?unread=1").json()
    assert [m["title"] for m in unread["results"]] == ["甲"]
    api_client.force_authenticate(None)
    assert api_client.get("/api/messages/").status_code in (401, 403)


def test_a_notice_to_chosen_units_with_read_receipts(zone, units, supervisor, unit_user, login, client):
    econ = role_user("unit_user", units["econ"], username="jx", display_name="经信小王")
    office = role_user("unit_user", units["office"], username="bgs", display_name="办公室小李")
    login(supervisor)
    response = client.post("/notices/add/", {"title": "关于报送三季度工作总结的通知", "body": "请于本周五前报送。",
                                            "units": [units["invest"].pk, units["econ"].pk]}, follow=True)
    notice = Notice.objects.get()
    assert "通知已发布，2人将收到消息" in response.content.decode()
    assert set(Message.objects.filter(notice=notice).values_list("recipient__username", flat=True)) == {
        unit_user.username, econ.username}
    assert not Message.objects.filter(recipient=office).exists()
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert 'id="read-count">0<' in page and 'id="unread-count">2<' in page and "经信小王" in page

    client.logout()
    login(unit_user)
    page = client.get(f"/notices/{notice.pk}/").content.decode()  # reading it is the receipt
    assert "请于本周五前报送" in page and "阅读回执" not in page
    client.logout()
    login(supervisor)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert 'id="read-count">1<' in page and 'id="unread-count">1<' in page
    read_part = page.split('id="read-list"')[1].split('id="unread-list"')[0]
    assert str(unit_user) in read_part and "经信小王" not in read_part

    client.logout()
    login(office)  # not among the chosen units: the notice is not theirs to read
    assert client.get(f"/notices/{notice.pk}/").status_code == 404


def test_a_notice_without_units_goes_to_the_whole_zone(zone, units, admin_user, unit_user, leader):
    notice = actions.publish_notice({"zone": zone, "title": "全区通知", "body": "放假安排"}, acting_user=admin_user)
    got = set(notice.messages.values_list("recipient__username", flat=True))
    assert {unit_user.username, leader.username} <= got and admin_user.username not in got


def test_only_the_office_publishes_and_bad_input_changes_nothing(zone, other_zone, units, unit_user, supervisor,
                                                                 login, client):
    with pytest.raises(scope.ScopeDenied):
        actions.publish_notice({"zone": zone, "title": "越权", "body": "x"}, acting_user=unit_user)
    login(unit_user)
    assert client.get("/notices/add/").status_code == 403
    client.logout()
    with pytest.raises(ValidationError):
        actions.publish_notice({"zone": zone, "title": "", "body": "正文"}, acting_user=supervisor)
    with pytest.raises(ValidationError):
        actions.publish_notice({"zone": zone, "title": "跨区", "body": "正文", "units": [units["far"]]},
                               acting_user=supervisor)
    login(supervisor)
    response = client.post("/notices/add/", {"title": "", "body": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "请填写通知标题" in page and "请填写通知正文" in page
    assert not Notice.objects.exists() and not Message.objects.exists()
