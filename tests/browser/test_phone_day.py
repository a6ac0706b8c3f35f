"""One working day across a desk and a phone: the supervisor ticks a new task on the board and hands it
over (交办 with a deadline and a weekly report); 招商局's user, on a 390×844 phone, finds it in 待办,
signs for it, reports with a photo and asks to close it; the supervisor approves from the bell. Each
step's to-do appears and then disappears. Screenshots under test-artifacts/phone_*.png."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "推进新能源汽车零部件配套园建设"


@pytest.fixture
def demo(work_demo):
    return work_demo(TITLE, lambda plan: datetime.date(plan.year, 12, 31))


def png(artifacts_dir, name):
    return str(artifacts_dir / f"phone_{name}.png")


def test_a_task_from_the_board_to_a_phone_and_back(demo, sign_in, live_server, artifacts_dir):
    from zonework.work.choices import TaskStatus
    from zonework.work.models import Task

    task = Task.objects.get(title=TITLE)
    page = sign_in("supervisor")
    page.goto(f"{live_server.url}/work/?plan={demo.pk}")
    page.check(f"#board input[name=task][value='{task.pk}']")
    page.click("#bulk-bar button[value=assign]")
    page.wait_for_load_state("networkidle")
    assert "将交办以下 1 项任务" in page.inner_text("#bulk-summary")
    page.fill("#id_deadline", f"{demo.year}-12-31")
    page.select_option("#id_report_cycle", "weekly")
    page.fill("#id_report_day", "5")
    page.fill("#id_leader", "刘副主任")
    page.click("#bulk-confirm button.btn-primary")
    page.wait_for_load_state("networkidle")
    assert "已交办1项任务" in page.inner_text("body")

    mobile = sign_in("zhaoshang", phone=True)
    # the board is a stack of cards on a phone, each figure named by its column
    mobile.goto(f"{live_server.url}/work/?plan={demo.pk}")
    row = mobile.locator("#board tbody tr", has_text=TITLE)
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert row.locator("td[data-label='牵头单位']").inner_text() == "招商局"
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    mobile.screenshot(path=png(artifacts_dir, "board"), full_page=False)
    mobile.click("#todo-bell")
    item = mobile.locator(".zw-todos a[data-kind='work.accept']", has_text=TITLE)
    assert item.count() == 1
    mobile.screenshot(path=png(artifacts_dir, "todos"), full_page=True)
    with mobile.expect_navigation():
        item.tap()
    # the action comes before the task's history on a phone, and the button spans the screen
    accept = mobile.locator(".zw-actions button:text-is('签收')")
    box = accept.bounding_box()
    assert box["y"] < 844 and box["width"] > 300
    mobile.screenshot(path=png(artifacts_dir, "task_to_sign"), full_page=False)
    with mobile.expect_navigation():
        accept.tap()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.ACCEPTED

    mobile.goto(f"{live_server.url}/todos/")
    assert mobile.locator(".zw-todos a[data-kind='work.accept']", has_text=TITLE).count() == 0
    assert mobile.locator(".zw-todos a[data-kind='work.report_due']", has_text=TITLE).count() == 1
    with mobile.expect_navigation():
        mobile.locator(".zw-todos a[data-kind='work.report_due']", has_text=TITLE).tap()
    mobile.fill("#report-form textarea[name=text]", "已完成园区规划方案，两家配套企业签约。")
    mobile.fill("#report-form input[name=progress]", "60")
    photo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    mobile.set_input_files("#report-form input[name=attachment]",
                           files=[{"name": "现场照片.png", "mimeType": "image/png", "buffer": photo}])
    mobile.screenshot(path=png(artifacts_dir, "report"), full_page=False)
    with mobile.expect_navigation():
        mobile.locator("#report-form button").tap()
    assert "进度反馈已提交" in mobile.inner_text("body")
    report = Task.objects.get(pk=task.pk).reports.get()
    assert report.attachment.name.endswith(".png")
    mobile.goto(f"{live_server.url}/todos/")
    assert mobile.locator(".zw-todos a[data-kind='work.report_due']", has_text=TITLE).count() == 0

    mobile.goto(f"{live_server.url}/work/tasks/{task.pk}/")
    mobile.fill("input[name=reason]", "园区一期已完工，申请办结。")
    with mobile.expect_navigation():
        mobile.locator("button:text-is('申请办结')").tap()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.COMPLETION_REQUESTED
    mobile.screenshot(path=png(artifacts_dir, "requested"), full_page=False)

    page.goto(f"{live_server.url}/todos/")
    waiting = page.locator(".zw-todos a[data-kind='work.approve_completion']", has_text=TITLE)
    assert waiting.count() == 1
    waiting.click()
    page.wait_for_load_state("networkidle")
    page.click("button:text-is('通过，办结')")
    page.wait_for_load_state("networkidle")
    assert Task.objects.get(pk=task.pk).status in (TaskStatus.DONE, TaskStatus.DONE_LATE)
    page.goto(f"{live_server.url}/todos/")
    assert page.locator(".zw-todos a", has_text=TITLE).count() == 0
