"""The review page of an imported report in a real browser, at desktop width and on a 390 px phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zonework@2026"


@pytest.fixture
def revised(transactional_db, tmp_path, settings, shared_dir):
    """Seed 001 committed, then a revised copy (one character of a task, a unit the zone lacks) read."""
    from zonework.core import demo as core_demo
    from zonework.documents import actions

    settings.MEDIA_ROOT = tmp_path / "media"
    context = core_demo.load()
    zone, actor = context["zones"]["武汉经济技术开发区"], context["actor"]
    text = sorted((shared_dir / "seeds").glob("001_*.txt"))[0].read_text("utf-8")
    first, _ = actions.upload_document(zone, "001.txt", text.encode(), acting_user=actor)
    actions.commit_document(actions.read_document(first.pk), acting_user=actor, options={"expand_groups": True})
    text = text.replace("着力打造世界知名车都", "着力打造世界闻名车都").replace("农发投公司", "乡村振兴局")
    second, _ = actions.upload_document(zone, "001（修订）.txt", text.encode(), acting_user=actor)
    return actions.read_document(second.pk)


def _clipped(page, selector):
    """The controls whose text is wider than the control shows."""
    return page.eval_on_selector_all(selector, """els => els.filter(e => e.offsetParent !== null &&
        e.scrollWidth > e.clientWidth + 1).map(e => e.value || e.name)""")


@pytest.mark.parametrize("width", [1400, 390])
def test_review_page_is_readable_and_commits_a_revision(revised, browser, live_server, artifacts_dir, width):
    from zonework.work.models import Plan, Task

    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/documents/{revised.pk}/")
    assert "像是它的修订版" in page.inner_text("#revision")
    assert "着力打造世界闻名车都" in page.inner_text("#diff-tasks")
    # 接受/拒绝 and the indicators' full names are readable without scrolling inside a control.
    assert _clipped(page, "select.zw-decision") == []
    assert _clipped(page, "input.zw-indicator") == []
    assert "继续做大做强汽车产业" in page.inner_text("#sentence-tasks-0")
    assert "字符" not in page.inner_text("#records-tasks")
    # Nothing but the records table (which scrolls in its own box) is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"documents_review_{width}.png"), full_page=True)
    # The records scroll in their own box: their pictures are taken one by one.
    page.locator("#records-tasks tbody tr").first.screenshot(path=str(artifacts_dir / f"documents_task_{width}.png"))
    page.locator("#unknown-units").screenshot(path=str(artifacts_dir / f"documents_units_{width}.png"))

    page.select_option("#unknown-units select[name=unit_choice]", "new")
    page.check("input[name=expand_groups]")
    page.click("#commit-document")
    page.wait_for_load_state("networkidle")
    assert "已提交" in page.inner_text("main")
    assert "修订自" in page.inner_text("#revision-of")
    assert Plan.objects.count() == 1 and Task.objects.count() == 14
    assert Task.objects.filter(title="着力打造世界闻名车都").exists()
    context.close()
