"""领导批示 in a real browser: the leader writes a 批示 on a red task at the desk; the lead unit's user
sees the message (envelope) and the to-do on a phone (390×844), replies, and the to-do disappears.
The 批示 also reaches a local SMTP server and a local 企业微信 webhook server."""

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def demo(transactional_db):
    from django.apps import apps

    from zonework.core import demo as core_demo

    context = core_demo.load()
    apps.get_app_config("work").load_demo(context, io.StringIO())
    return context


def red_task_of(username):
    from zonework.core import clock
    from zonework.core.models import User
    from zonework.work.choices import REPORTING_STATUSES
    from zonework.work.lights import task_light
    from zonework.work.models import Task

    unit = User.objects.get(username=username).unit
    for task in Task.objects.filter(lead_unit=unit, status__in=REPORTING_STATUSES).select_related("plan"):
        if task_light(task, clock.today()).light == "red":
            return task
    return None


def test_a_leaders_instruction_reaches_the_unit_on_a_phone(demo, sign_in, channel_servers, live_server,
                                                          artifacts_dir):
    from zonework.core.models import Message, User

    unit_name = "zhaoshang" if red_task_of("zhaoshang") else "jingxin"
    task = red_task_of(unit_name)
    assert task is not None, "the demo has a red task led by a unit with a demo user"
    person = User.objects.get(username=unit_name)
    person.email = f"{unit_name}@example.cn"
    person.save()

    smtp, hook = channel_servers
    page = sign_in("leader")
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    page.fill("#instruct-form textarea[name=text]", "请本月底前拿出解决方案，专题报我")
    page.click("#instruct-form button")
    page.wait_for_load_state("networkidle")
    assert "批示已送达牵头单位" in page.inner_text("main")
    assert "请本月底前拿出解决方案" in page.inner_text("#timeline")
    page.screenshot(path=str(artifacts_dir / "instruction_leader.png"), full_page=True)

    assert [e.rcpt_tos for e in smtp.envelopes] == [[person.email]]
    assert any("请本月底前拿出解决方案" in p["json"]["text"]["content"] for p in hook.posts)

    mobile = sign_in(unit_name, phone=True)
    assert mobile.evaluate("document.querySelector('.zw-header').getBoundingClientRect().height") < 80
    assert int(mobile.inner_text("#message-count")) >= 1
    mobile.click("#message-envelope")
    mobile.wait_for_load_state("networkidle")
    item = mobile.locator(".zw-messages [data-kind='instruction']")
    assert item.count() == 1 and "请本月底前拿出解决方案" in item.inner_text()
    assert mobile.evaluate("document.querySelector('.zw-messages').getBoundingClientRect().right") <= 390
    mobile.screenshot(path=str(artifacts_dir / "messages_unit_phone.png"), full_page=True)

    mobile.goto(f"{live_server.url}/todos/")
    todo = mobile.locator(".zw-todos a[data-kind='work.instruction']")
    assert todo.count() == 1 and task.title in todo.inner_text()
    mobile.screenshot(path=str(artifacts_dir / "instruction_todo_phone.png"), full_page=True)
    todo.click()
    mobile.wait_for_load_state("networkidle")
    form = mobile.locator("form.reply-instruction")
    form.locator("textarea").fill("已召开专题会，月底前报送方案")
    box = form.locator("button").bounding_box()
    assert box["x"] + box["width"] <= 390  # within the thumb's reach, not off-screen
    form.locator("button").click()
    mobile.wait_for_load_state("networkidle")
    assert "已回复领导批示" in mobile.inner_text("main")
    assert "已召开专题会" in mobile.inner_text("#timeline")
    mobile.screenshot(path=str(artifacts_dir / "instruction_replied_phone.png"), full_page=True)
    mobile.goto(f"{live_server.url}/todos/")
    assert mobile.locator(".zw-todos a[data-kind='work.instruction']").count() == 0

    leader_inbox = Message.objects.filter(recipient__username="leader", kind="reply")
    assert [m.body for m in leader_inbox] == ["已召开专题会，月底前报送方案"]
    page.goto(f"{live_server.url}/messages/")
    assert "已召开专题会" in page.inner_text(".zw-messages")
    page.screenshot(path=str(artifacts_dir / "messages_leader.png"), full_page=True)
