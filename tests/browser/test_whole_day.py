"""One day of the whole office, as issue 13 tells it: the supervisor hands over an overdue task from
the board; 招商局's user signs and reports from a 390×844 phone; the leader, at the cockpit, finds it
among the red tasks waiting for a 批示 and writes one there; the unit replies and asks to close it on
the phone; the supervisor approves. Each step's to-do appears and goes away, and the 交办 and the 批示
reach the unit's user at a local SMTP server and a local 企业微信 robot. Screenshots under
test-artifacts/day/."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "加快推进智能网联汽车测试场建设"
INSTRUCTION = "请招商局本周拿出追赶方案，专题报我"


@pytest.fixture
def demo(work_demo):
    from zonework.core import clock
    from zonework.core.models import User

    # Its deadline passed three days ago: a red task the moment it is handed over.
    plan = work_demo(TITLE, clock.today() - datetime.timedelta(days=3), number="16")
    person = User.objects.get(username="zhaoshang")
    person.email = "zhaoshang@example.cn"
    person.save()
    return plan


def mail_text(envelope):
    """Subject and body of a mail as the recipient reads them (decoded from its transfer encoding)."""
    import email
    from email.header import decode_header, make_header

    mail = email.message_from_bytes(envelope.content)
    parts = [part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
             for part in mail.walk() if part.get_content_maintype() == "text"]
    return str(make_header(decode_header(mail["Subject"] or ""))) + "\n" + "\n".join(parts)


def todo_links(page, base, kind):
    page.goto(f"{base}/todos/")
    return page.locator(f".zw-todos a[data-kind='{kind}']", has_text=TITLE)


def test_one_day_from_handover_through_the_cockpit_to_approval(demo, sign_in, channel_servers, live_server,
                                                              artifacts_dir):
    from zonework.core.models import Message
    from zonework.work.choices import TaskStatus
    from zonework.work.models import Instruction, Task

    shots = artifacts_dir / "day"
    shots.mkdir(exist_ok=True)
    base = live_server.url
    task = Task.objects.get(title=TITLE)

    smtp, hook = channel_servers

    def mails_to_unit():
        return [e for e in smtp.envelopes if e.rcpt_tos == ["zhaoshang@example.cn"]]

    # 1. The supervisor ticks the task on the board and hands it over, naming no leader of the zone.
    page = sign_in("supervisor")
    page.goto(f"{base}/work/?plan={demo.pk}")
    page.check(f"#board input[name=task][value='{task.pk}']")
    page.click("#bulk-bar button[value=assign]")
    page.wait_for_load_state("networkidle")
    assert "将交办以下 1 项任务" in page.inner_text("#bulk-summary")
    page.select_option("#id_report_cycle", "weekly")
    page.fill("#id_report_day", "5")
    page.click("#bulk-confirm button.btn-primary")
    page.wait_for_load_state("networkidle")
    assert "已交办1项任务" in page.inner_text("body")
    page.screenshot(path=str(shots / "1_supervisor_assigned.png"), full_page=False)
    assert [TITLE in mail_text(e) for e in mails_to_unit()] == [True]  # the 交办 reached the unit's mailbox ...
    assert any(TITLE in p["json"]["text"]["content"] for p in hook.posts)  # ... and its group robot

    # 2. On the phone: the to-do to sign, then the report with a photo.
    mobile = sign_in("zhaoshang", phone=True)
    item = todo_links(mobile, base, "work.accept")
    assert item.count() == 1
    mobile.screenshot(path=str(shots / "2_unit_todos_phone.png"), full_page=True)
    with mobile.expect_navigation():
        item.tap()
    with mobile.expect_navigation():
        mobile.locator(".zw-actions button:text-is('签收')").tap()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.ACCEPTED
    assert todo_links(mobile, base, "work.accept").count() == 0
    mobile.goto(f"{base}{task.get_absolute_url()}")
    mobile.fill("#report-form textarea[name=text]", "测试场一期道路已完工，二期用地报批中。")
    mobile.fill("#report-form input[name=progress]", "70")
    mobile.set_input_files("#report-form input[name=attachment]", files=[
        {"name": "现场照片.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64}])
    with mobile.expect_navigation():
        mobile.locator("#report-form button").tap()
    assert "进度反馈已提交" in mobile.inner_text("body")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    mobile.screenshot(path=str(shots / "3_unit_reported_phone.png"), full_page=False)

    # 3. The leader's cockpit lists the red task as waiting for a 批示; the 批示 is written there.
    lead = sign_in("leader")
    assert todo_links(lead, base, "work.awaiting_instruction").count() == 1
    lead.goto(f"{base}/")
    row = lead.locator(f"#instruct-tasks li[data-task='{task.pk}']")
    assert row.count() == 1 and "待批示" in row.inner_text()
    lead.locator("#cockpit-instruct").screenshot(path=str(shots / "4_cockpit_instruct_desktop.png"))
    if not row.locator("details").evaluate("d => d.open"):
        row.locator("summary").click()
    row.locator(".cockpit-instruct-form textarea").fill(INSTRUCTION)
    with lead.expect_navigation():
        row.locator(".cockpit-instruct-form button").click()
    assert lead.url.startswith(f"{base}/") and "/work/tasks/" not in lead.url  # back on the cockpit
    assert "已批示，待回复" in lead.locator(f"#instruct-tasks li[data-task='{task.pk}']").inner_text()
    assert Instruction.objects.get(task=task).text == INSTRUCTION
    assert todo_links(lead, base, "work.awaiting_instruction").count() == 0
    assert any(INSTRUCTION in mail_text(e) for e in mails_to_unit())
    assert any(INSTRUCTION in p["json"]["text"]["content"] for p in hook.posts)

    # the same block on the leader's phone
    lp = sign_in("leader", phone=True)
    assert lp.evaluate("document.documentElement.scrollWidth") <= 390
    lp.locator("#cockpit-instruct").screenshot(path=str(shots / "5_cockpit_instruct_phone.png"))

    # 4. The unit replies and asks to close the task, on the phone.
    todo = todo_links(mobile, base, "work.instruction")
    assert todo.count() == 1
    with mobile.expect_navigation():
        todo.tap()
    form = mobile.locator("form.reply-instruction")
    form.locator("textarea").fill("已制定追赶方案，本周五报送")
    with mobile.expect_navigation():
        form.locator("button").tap()
    assert "已回复领导批示" in mobile.inner_text("main")
    assert todo_links(mobile, base, "work.instruction").count() == 0
    mobile.goto(f"{base}{task.get_absolute_url()}")
    mobile.fill("input[name=reason]", "测试场一期已投用，申请办结。")
    with mobile.expect_navigation():
        mobile.locator("button:text-is('申请办结')").tap()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.COMPLETION_REQUESTED
    mobile.screenshot(path=str(shots / "6_unit_requested_phone.png"), full_page=False)

    assert Message.objects.filter(recipient__username="leader", kind="reply").count() == 1

    # 5. The supervisor approves from the bell; nothing about the task is left on anyone's list.
    waiting = todo_links(page, base, "work.approve_completion")
    assert waiting.count() == 1
    waiting.click()
    page.wait_for_load_state("networkidle")
    page.click("button:text-is('通过，办结')")
    page.wait_for_load_state("networkidle")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE_LATE  # asked for after its deadline
    page.goto(f"{base}/todos/")
    assert page.locator(".zw-todos a", has_text=TITLE).count() == 0
    page.screenshot(path=str(shots / "7_supervisor_done.png"), full_page=False)
