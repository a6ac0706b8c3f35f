"""The committer registry other apps plug into, and the one-transaction commit."""

import pytest
from django.core.exceptions import ValidationError

from zonework.core.models import AuditEntry
from zonework.documents import actions, committers
from zonework.documents.models import SourceDocument
from zonework.economy.models import Observation, Target

from .helpers import PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(zone, statistician):
    doc, created = actions.upload_document(zone, "plan.txt", PLAN.encode(), acting_user=statistician)
    assert created
    return actions.read_document(doc.pk)


@pytest.fixture
def extra_committer():
    calls = []

    def commit_tasks(document, records, *, acting_user, options):
        calls.append((document.pk, records, acting_user, options))
        return f"任务{len(records)}项"

    saved = committers.committer("tasks")
    committers.register("tasks", commit_tasks, "重点任务")
    yield calls
    if saved is not None:
        committers.register(*saved)
    else:
        committers.unregister("tasks")


def test_economy_registers_targets_and_results():
    registered = committers.committers()
    assert registered["targets"].label == "预期目标" and registered["results"].label == "实际完成"
    assert list(registered)[:2] == ["targets", "results"]
    assert callable(registered["targets"].func)


def test_each_committer_gets_the_accepted_records_of_its_kind(document, statistician, extra_committer):
    records = document.records
    records["tasks"] = [{"title": "打造车都", "units": ["经信局"], "provenance": {"start": 0, "end": 4},
                         "decision": "accepted"},
                        {"title": "不要", "units": [], "decision": "rejected"}]
    SourceDocument.objects.filter(pk=document.pk).update(records=records)
    document.refresh_from_db()
    document = actions.commit_document(document, acting_user=statistician, options={"expand_groups": True})
    [(doc_id, got, user, options)] = extra_committer
    assert doc_id == document.pk and user == statistician and options["expand_groups"] is True
    assert [r["title"] for r in got] == ["打造车都"] and got[0]["index"] == 0 and "decision" not in got[0]
    assert "重点任务：任务1项" in document.commit_summary
    assert AuditEntry.objects.filter(event="document.committed", object_id=str(document.pk)).exists()


def test_a_failing_committer_leaves_nothing(document, statistician):
    def refuse(document, records, *, acting_user, options):
        raise ValidationError("责任单位“相关园区”无法确定。")

    records = document.records
    records["tasks"] = [{"title": "打造车都", "units": ["相关园区"], "decision": "accepted"}]
    SourceDocument.objects.filter(pk=document.pk).update(records=records)
    document.refresh_from_db()
    saved = committers.committer("tasks")
    committers.register("tasks", refuse, "重点任务")
    try:
        with pytest.raises(ValidationError) as exc:
            actions.commit_document(document, acting_user=statistician)
    finally:
        committers.register(*saved) if saved else committers.unregister("tasks")
    assert "相关园区" in str(exc.value)
    # The targets and results committed before the refusal were rolled back with it.
    assert Target.objects.count() == 0 and Observation.objects.count() == 0
    document.refresh_from_db()
    assert document.status == "read"
    assert not AuditEntry.objects.filter(event="document.committed").exists()


def test_commit_creates_targets_and_yearly_results_with_provenance(document, statistician, zone):
    actions.commit_document(document, acting_user=statistician)
    targets = {t.indicator.name: t for t in Target.objects.select_related("indicator")}
    assert set(targets) == {"规模以上工业总产值", "固定资产投资", "社会消费品零售总额"}
    t = targets["固定资产投资"]
    assert (t.year, t.growth_pct, t.bound, t.document_id) == (2013, 25, "approx", document.pk)
    assert document.text[t.provenance["start"]:t.provenance["end"]].startswith("固定资产投资")
    assert targets["社会消费品零售总额"].value == 120 and targets["社会消费品零售总额"].value_unit == "亿元"
    gdp = Observation.objects.get(indicator__code="gdp")
    assert (gdp.year, gdp.month, gdp.ytd_value, gdp.yoy_pct, gdp.source) == (2012, None, 500, 10, "document")


def test_a_document_is_committed_once(document, statistician):
    actions.commit_document(document, acting_user=statistician)
    with pytest.raises(ValidationError) as exc:
        actions.commit_document(document, acting_user=statistician)
    assert "已经提交过" in str(exc.value)
