"""Committing a read document's tasks: a Plan whose tasks name their lead and support units."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UnitFactory
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, Unit
from zonework.work.actions import commit_document_tasks
from zonework.work.models import Plan, Task

RECORDS = [
    {"title": "着力打造世界知名车都", "units": ["经信局", "招商局", "相关园区"], "provenance": {"article": 0, "start": 10,
                                                                                "end": 90, "sentence": "……"}},
    {"title": "加快实施乡村振兴", "units": ["投资促进局", "各街道", "农发投公司"], "provenance": {}},
]


def doc(zone, **meta):
    return SimpleNamespace(zone=zone, pk=7, title="2026年工作要点", filename="要点.txt", meta=meta)


@pytest.fixture
def parks_and_streets(zone):
    return [UnitFactory(zone=zone, name="商务城", kind="park"), UnitFactory(zone=zone, name="纱帽街道", kind="street")]


def test_unknown_units_and_groups_are_named_in_chinese(zone, units, admin_user, parks_and_streets):
    with pytest.raises(ValidationError) as exc:
        commit_document_tasks(doc(zone), RECORDS, acting_user=admin_user, options={})
    text = "".join(exc.value.messages)
    assert "农发投公司" in text and "不存在" in text
    assert "“相关园区”" in text and "“各街道”" in text and "确认展开" in text
    assert not Plan.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, event="work.commit_document_tasks").exists()


def test_first_unit_leads_the_rest_support_groups_expand(zone, units, admin_user, parks_and_streets):
    summary = commit_document_tasks(doc(zone, plan_year=2026), RECORDS, acting_user=admin_user,
                                    options={"create_units": ["农发投公司"], "expand_groups": True})
    plan = Plan.objects.get()
    assert "任务2项" in summary and plan.year == 2026 and plan.source_document_id == 7
    first, second = plan.tasks.order_by("position")
    assert first.lead_unit.name == "经信局"
    assert sorted(u.name for u in first.support_units.all()) == ["商务城", "招商局"]
    assert second.lead_unit.name == "招商局"  # matched by its alias 投资促进局
    assert {u.name for u in second.support_units.all()} == {"纱帽街道", "农发投公司"}
    assert Unit.objects.get(zone=zone, name="农发投公司").kind == "company"
    assert first.provenance["start"] == 10 and first.provenance["document_id"] == 7


def test_seed_001_becomes_a_plan_of_fourteen_tasks(shared_dir, admin_user):
    from zonework.core import demo as core_demo

    try:
        from zonework.reading import read_path
    except ImportError:
        pytest.skip("the reader (zonework.reading.read_path) is not available yet")
    context = core_demo.load()
    zone = context["zones"]["武汉经济技术开发区"]
    path = sorted((shared_dir / "seeds").glob("001_*.txt"))[0]
    result = read_path(path)
    document = SimpleNamespace(zone=zone, pk=1, filename=path.name, text=result.original_text, meta={"plan_year": 2026})
    commit_document_tasks(document, result.tasks, acting_user=admin_user, options={"expand_groups": True})
    plan = Plan.objects.get(zone=zone)
    assert plan.tasks.count() == 14
    assert plan.title.startswith("武汉经济技术开发区(汉南区)关于落实促进中部地区崛起战略")
    assert plan.kind == "implementation"
    invest = Task.objects.filter(plan=plan, lead_unit__name="招商局")
    assert [t.title for t in invest] == ["大力培育新产业增长极"]
    assert Task.objects.filter(plan=plan, support_units__name="招商局").count() == 6
