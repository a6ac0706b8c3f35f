"""Re-importing a revised report updates what was committed from it; the review page shows the diff;
units the zone lacks are created or mapped from the review page."""

import html
import time

import pytest

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, Unit
from zonework.core.similarity import pair, text_similarity
from zonework.documents import actions
from zonework.documents.revisions import find_original
from zonework.economy.models import Target
from zonework.work.models import Plan, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhan(admin_user):
    from zonework.core import demo as core_demo

    return core_demo.load()["zones"]["武汉经济技术开发区"]


@pytest.fixture
def seed_001(shared_dir):
    return sorted((shared_dir / "seeds").glob("001_*.txt"))[0].read_text("utf-8")


def imported(zone, name, text, user):
    document, created = actions.upload_document(zone, name, text.encode("utf-8"), acting_user=user)
    assert created
    return actions.read_document(document.pk)


def page(client, document):
    return html.unescape(client.get(f"/documents/{document.pk}/").content.decode())


def section(text, element_id):
    start = text.index(f'id="{element_id}"')
    return text[start:text.index("</table>", start)]


# One character each: a task's title and a target's growth rate.
REVISED = (("着力打造世界知名车都", "着力打造世界闻名车都"), ("保持每年8%左右增速", "保持每年7%左右增速"))


def revise(text):
    for old, new in REVISED:
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_revised_copy_updates_the_committed_plan_in_place(login, wuhan, seed_001, admin_user):
    client = login(admin_user)
    first = imported(wuhan, "001.txt", seed_001, admin_user)
    first = actions.commit_document(first, acting_user=admin_user, options={"expand_groups": True})
    plan = Plan.objects.get(zone=wuhan)
    task = plan.tasks.get(title="着力打造世界知名车都")
    assert plan.tasks.count() == 14 and Target.objects.filter(zone=wuhan).count() == 6

    second = imported(wuhan, "001（修订）.txt", revise(seed_001), admin_user)
    assert find_original(second)[0] == first
    shown = page(client, second)
    assert f"此文件与已提交的<a href=\"/documents/{first.pk}/\">“{first}”</a>" in shown
    assert f'name="revision_of" value="{first.pk}"' in shown
    tasks_diff = section(shown, "diff-tasks")
    assert "着力打造世界知名车都" in tasks_diff and "着力打造世界闻名车都" in tasks_diff
    assert tasks_diff.count("<tr class=\"zw-") == 1  # the 13 tasks that did not change are not listed
    assert "未变13条，修改1条，新增0条，删去0条" in shown
    targets_diff = section(shown, "diff-targets")
    assert "地区生产总值 每年 增长8%" in targets_diff and "地区生产总值 每年 增长7%" in targets_diff

    response = client.post(f"/documents/{second.pk}/", {"do": "commit", "revision_of": first.pk,
                                                       "expand_groups": "on"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == "committed" and second.revision_of == first, second.commit_summary
    assert Plan.objects.filter(zone=wuhan).count() == 1 and Task.objects.filter(plan__zone=wuhan).count() == 14
    task.refresh_from_db()
    assert task.title == "着力打造世界闻名车都" and task.provenance["document_id"] == second.pk
    plan.refresh_from_db()
    assert plan.source_document_id == second.pk
    assert Target.objects.filter(zone=wuhan).count() == 6
    assert Target.objects.get(zone=wuhan, indicator__name="地区生产总值").growth_pct == 7
    changes = [{c["field"]: (c["before"], c["after"]) for c in entry.changes} for entry in AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_id=str(task.pk), content_type__model="task")]
    assert ("着力打造世界知名车都", "着力打造世界闻名车都") in [c.get("title") for c in changes]
    assert "修改任务1项，新增0项，删除0项" in second.commit_summary
    assert f"修订自<a href=\"/documents/{first.pk}/\">“{first}”</a>" in page(client, second)


def test_without_the_revision_box_a_copy_is_a_new_plan(login, wuhan, seed_001, admin_user):
    """The reviewer may say it is not a revision: then it is committed like any new document."""
    client = login(admin_user)
    first = imported(wuhan, "001.txt", seed_001, admin_user)
    actions.commit_document(first, acting_user=admin_user, options={"expand_groups": True})
    second = imported(wuhan, "001b.txt", revise(seed_001), admin_user)
    client.post(f"/documents/{second.pk}/", {"do": "commit", "expand_groups": "on"})
    assert Plan.objects.filter(zone=wuhan).count() == 2


def test_a_task_dropped_by_the_revision_is_deleted_while_still_draft(wuhan, seed_001, admin_user):
    first = imported(wuhan, "001.txt", seed_001, admin_user)
    actions.commit_document(first, acting_user=admin_user, options={"expand_groups": True})
    second = imported(wuhan, "001c.txt", seed_001 + "\n（修订）", admin_user)
    records = second.records
    dropped = next(i for i, r in enumerate(records["tasks"]) if r["title"].startswith("大力培育新产业增长极"))
    actions.review_document(second, {"tasks": {dropped: {"decision": "rejected"}}}, acting_user=admin_user)
    second = actions.commit_document(second, acting_user=admin_user,
                                     options={"expand_groups": True, "revision_of": first.pk})
    titles = set(Task.objects.filter(plan__zone=wuhan).values_list("title", flat=True))
    assert "大力培育新产业增长极" not in titles and len(titles) == 13
    assert "删除1项" in second.commit_summary


def test_a_different_report_of_the_zone_is_no_revision(wuhan, seed_001, shared_dir, admin_user):
    first = imported(wuhan, "001.txt", seed_001, admin_user)
    actions.commit_document(first, acting_user=admin_user, options={"expand_groups": True})
    other = sorted((shared_dir / "seeds").glob("002_*.txt"))[0].read_text("utf-8")
    assert find_original(imported(wuhan, "002.txt", other, admin_user)) == (None, 0.0)
    # Same title, but the body rewritten: not a revision either.
    head, body = seed_001[:400], seed_001[400:]
    rewritten = head + "。".join(f"第{i}项改写后的内容" for i in range(len(body) // 20))
    assert find_original(imported(wuhan, "rewritten.txt", rewritten, admin_user)) == (None, 0.0)


def test_revision_check_is_fast_on_a_megabyte(seed_001):
    big = "\n".join(f"{line}（{i}）" for i in range(200) for line in seed_001.splitlines() if line.strip())
    assert len(big) > 1_000_000
    changed = big.replace("（7）", "（七）", 1)
    tick = time.perf_counter()
    similarity = text_similarity(big, changed)
    seconds = time.perf_counter() - tick
    print(f"text_similarity on 2 × {len(big) / 1e6:.1f} M characters: {seconds * 1000:.0f} ms, {similarity:.6f}")
    assert 0.99 < similarity < 1 and seconds < 1.0


def test_records_pair_by_key_then_by_similar_text():
    old = ["着力打造世界知名车都", "加快发展现代服务业", "推进乡村振兴"]
    new = ["加快发展现代服务业", "着力打造世界闻名车都", "建设智慧城市"]
    pairs, removed, added = pair(old, new, key=str)
    assert pairs == [("着力打造世界知名车都", "着力打造世界闻名车都"), ("加快发展现代服务业", "加快发展现代服务业")]
    assert removed == ["推进乡村振兴"] and added == ["建设智慧城市"]


def test_units_the_zone_lacks_are_created_or_mapped_on_the_review_page(login, wuhan, seed_001, admin_user):
    client = login(admin_user)
    text = seed_001.replace("国土规划局", "自然资源和规划局").replace("城乡建设局", "住建局")
    document = imported(wuhan, "001.txt", text, admin_user)
    shown = page(client, document)
    assert 'name="unit_name" value="自然资源和规划局"' in shown and 'name="unit_name" value="住建局"' in shown
    assert "新建单位“自然资源和规划局”" in shown
    response = client.post(f"/documents/{document.pk}/", {"do": "commit", "expand_groups": "on"})
    assert "不存在" in html.unescape(client.get(response["Location"]).content.decode())
    assert not Plan.objects.filter(zone=wuhan).exists()

    city = Unit.objects.get(zone=wuhan, name="城乡建设局")
    client.post(f"/documents/{document.pk}/", {"do": "commit", "expand_groups": "on",
                                               "unit_name": ["住建局", "自然资源和规划局"],
                                               "unit_choice": [str(city.pk), "new"]})
    document.refresh_from_db()
    assert document.status == "committed", document.commit_summary
    created = Unit.objects.get(zone=wuhan, name="自然资源和规划局")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(created.pk),
                                     content_type__model="unit").exists()
    assert not Unit.objects.filter(zone=wuhan, name="住建局").exists()
    growth = Task.objects.get(plan__zone=wuhan, title="大力培育新产业增长极")
    assert {"自然资源和规划局", "城乡建设局"} <= {u.name for u in growth.support_units.all()}


def test_review_page_shows_a_tasks_source_sentence(login, wuhan, seed_001, admin_user):
    client = login(admin_user)
    document = imported(wuhan, "001.txt", seed_001, admin_user)
    shown = page(client, document)
    start = shown.index('id="sentence-tasks-0"')
    assert "继续做大做强汽车产业" in shown[start:start + 600]
    assert "字符 1248" not in shown
    assert 'class="form-select form-select-sm zw-decision"' in shown



PROJECTS = "武汉经济技术开发区2017年工作总结\n一、2017年工作回顾\n引进某外资零部件项目投资1.5亿美元。\n"


@pytest.mark.parametrize("choice", ["new", "existing"])
def test_a_zone_without_zhaoshangju_gets_one_or_names_the_projects_unit(login, zone, units, admin_user, choice):
    from zonework.core import actions as core_actions
    from zonework.investment.models import InvestmentProject

    renamed = core_actions.update_unit(units["invest"], {"name": "投资促进中心", "aliases": []}, acting_user=admin_user)
    client = login(admin_user)
    document = imported(zone, "2017年总结.txt", PROJECTS, admin_user)
    assert document.record_counts()["projects"] == 1
    shown = page(client, document)
    assert 'name="unit_name" value="招商局"' in shown and "招商项目的责任单位" in shown
    failed = client.get(client.post(f"/documents/{document.pk}/", {"do": "commit"})["Location"])
    assert "没有名为“招商局”的单位" in html.unescape(failed.content.decode())
    assert not InvestmentProject.objects.exists()

    picked = "new" if choice == "new" else str(renamed.pk)
    client.post(f"/documents/{document.pk}/", {"do": "commit", "unit_name": "招商局", "unit_choice": picked})
    document.refresh_from_db()
    assert document.status == "committed", document.commit_summary
    project = InvestmentProject.objects.get(name="某外资零部件项目")
    if choice == "new":
        assert project.unit == Unit.objects.get(zone=zone, name="招商局")
        assert AuditEntry.objects.filter(action=AuditAction.CREATE, content_type__model="unit",
                                         object_id=str(project.unit_id)).exists()
    else:
        assert project.unit == renamed and not Unit.objects.filter(zone=zone, name="招商局").exists()


def test_a_revised_amount_updates_the_project_it_created(zone, units, admin_user):
    from decimal import Decimal

    from zonework.investment.models import InvestmentProject

    first = actions.commit_document(imported(zone, "a.txt", PROJECTS, admin_user), acting_user=admin_user)
    project = InvestmentProject.objects.get()
    second = imported(zone, "b.txt", PROJECTS.replace("1.5亿美元", "1.8亿美元"), admin_user)
    assert find_original(second)[0] == first
    second = actions.commit_document(second, acting_user=admin_user, options={"revision_of": first.pk})
    project.refresh_from_db()
    assert InvestmentProject.objects.count() == 1 and project.agreed_investment == Decimal(18000)
    assert "按修订版更新1个" in second.commit_summary
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, content_type__model="investmentproject",
                                     object_id=str(project.pk)).exists()


def test_a_committed_tasks_page_links_to_its_sentence_in_the_document(login, wuhan, seed_001, admin_user):
    from django.urls import reverse

    document = imported(wuhan, "001.txt", seed_001, admin_user)
    actions.commit_document(document, acting_user=admin_user, options={"expand_groups": True})
    task = Task.objects.get(title="着力打造世界知名车都")
    shown = html.unescape(login(admin_user).get(reverse("work:task_detail", args=[task.pk])).content.decode())
    start = task.provenance["start"]
    assert "继续做大做强汽车产业" in shown and "字符" not in shown
    assert f'href="/documents/{document.pk}/?start={start}&end={task.provenance["end"]}#span-{start}"' in shown


def test_a_second_revision_updates_the_same_plan(wuhan, seed_001, admin_user):
    first = imported(wuhan, "001.txt", seed_001, admin_user)
    actions.commit_document(first, acting_user=admin_user, options={"expand_groups": True})
    second = imported(wuhan, "001b.txt", revise(seed_001), admin_user)
    actions.commit_document(second, acting_user=admin_user, options={"expand_groups": True, "revision_of": first.pk})
    third = imported(wuhan, "001c.txt", revise(seed_001).replace("加快实施乡村振兴", "全面实施乡村振兴"), admin_user)
    assert find_original(third)[0] == second
    # Even when the reviewer names the first version, the records in use (the second's) are updated.
    third = actions.commit_document(third, acting_user=admin_user,
                                    options={"expand_groups": True, "revision_of": first.pk})
    assert third.revision_of == second
    assert Plan.objects.filter(zone=wuhan).count() == 1 and Task.objects.filter(plan__zone=wuhan).count() == 14
    assert Task.objects.filter(plan__zone=wuhan, title="全面实施乡村振兴").exists()


def test_the_api_commits_a_revision(api_client, zone, units, admin_user):
    from zonework.investment.models import InvestmentProject

    first = actions.commit_document(imported(zone, "a.txt", PROJECTS, admin_user), acting_user=admin_user)
    second = imported(zone, "b.txt", PROJECTS.replace("1.5亿美元", "2亿美元"), admin_user)
    api_client.force_authenticate(admin_user)
    response = api_client.post(f"/api/documents/documents/{second.pk}/commit/", {"revision_of": first.pk},
                               format="json")
    assert response.status_code == 200 and response.json()["revision_of"] == first.pk
    assert InvestmentProject.objects.get().agreed_investment == 20000


def test_the_import_command_commits_a_revised_copy_as_a_revision(tmp_path, wuhan, seed_001, capsys):
    from django.core.management import call_command

    original, revised = tmp_path / "001.txt", tmp_path / "001（修订）.txt"
    original.write_text(seed_001, encoding="utf-8")
    revised.write_text(revise(seed_001), encoding="utf-8")
    call_command("import", str(original), zone="武汉经开区", commit=True, expand_groups=True)
    call_command("import", str(revised), zone="武汉经开区", commit=True, expand_groups=True)
    assert "按修订版提交" in capsys.readouterr().out
    assert Plan.objects.filter(zone=wuhan).count() == 1 and Task.objects.filter(plan__zone=wuhan).count() == 14
    copy = tmp_path / "001副本.txt"
    copy.write_text(revise(seed_001) + "\n", encoding="utf-8")
    call_command("import", str(copy), zone="武汉经开区", commit=True, expand_groups=True, as_new=True)
    assert Plan.objects.filter(zone=wuhan).count() == 2


def test_a_forged_unit_choice_is_refused_in_chinese(login, zone, units, admin_user):
    from zonework.core import actions as core_actions
    from zonework.investment.models import InvestmentProject

    core_actions.update_unit(units["invest"], {"name": "投资促进中心", "aliases": []}, acting_user=admin_user)
    client = login(admin_user)
    document = imported(zone, "2017年总结.txt", PROJECTS, admin_user)
    for forged in ("abc", str(units["far"].pk)):
        response = client.post(f"/documents/{document.pk}/", {"do": "commit", "unit_name": "招商局",
                                                               "unit_choice": forged})
        shown = html.unescape(client.get(response["Location"]).content.decode())
        assert "提交失败，未写入任何数据" in shown
    assert not InvestmentProject.objects.exists()
    document.refresh_from_db()
    assert document.status == "read"
