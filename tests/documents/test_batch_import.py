"""Importing many reports at once (a folder): the same records as one by one, written together."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zonework.core import actions as core_actions
from zonework.core.audit import diff, verify_chain
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.documents import committers
from zonework.documents.importing import import_file, import_files
from zonework.documents.models import SourceDocument
from zonework.economy.models import Observation, Target, TrackedIndicator
from zonework.investment.models import InvestmentProject, StageChange
from zonework.reading import read_path
from zonework.work.actions import UNIT_GROUPS, guess_unit_kind
from zonework.work.models import Plan, Task, TaskTransition

# The `import` command's options, with 相关园区 / 各街道 expanded.
OPTIONS = {"skip_incomplete": True, "skip_unknown": True, "create_indicators": (), "expand_groups": True}


@pytest.fixture
def reports(shared_dir):
    return sorted(p for folder in ("seeds", "devset") for p in (shared_dir / folder).glob("*.txt"))


def give_units(zone, files, actor):
    """The units the reports name, the zone's 招商局, a park and a street: a zone in use has them."""
    have = {u.name for u in zone.units.all()}
    names = {u.strip() for p in files for t in read_path(p).to_dict().get("tasks", []) for u in t.get("units", [])
             if u.strip() and u.strip() not in UNIT_GROUPS}
    for name, kind in sorted({(n, guess_unit_kind(n)) for n in names}
                             | {("招商局", "bureau"), ("测试产业园", "park"), ("测试街道", "street")}):
        if name not in have:
            core_actions.create_unit({"zone": zone, "name": name, "kind": kind}, acting_user=actor)
            have.add(name)


def committed(zone):
    """What a zone holds from its documents, without ids: comparable across zones."""
    def doc(row):
        return row.document.filename if row.document_id else None

    return {
        "documents": sorted((d.filename, d.status, d.commit_summary)
                            for d in SourceDocument.objects.filter(zone=zone)),
        "observations": sorted((o.indicator.name, o.year, o.month or 0, str(o.ytd_value), o.value_unit, str(o.yoy_pct), doc(o))
                               for o in Observation.objects.filter(zone=zone)),
        "targets": sorted((t.indicator.name, t.year or 0, t.recurring, str(t.value), str(t.growth_pct), t.bound,
                           str(t.stretch_pct), doc(t)) for t in Target.objects.filter(zone=zone)),
        "tracked": sorted(TrackedIndicator.objects.filter(zone=zone).values_list("indicator__name", "sort_order")),
        "plans": sorted(Plan.objects.filter(zone=zone).values_list("title", "year", "kind", "source")),
        "tasks": sorted((t.plan.title, t.position, t.title, t.lead_unit.name, t.deadline, t.status,
                         tuple(sorted(u.name for u in t.support_units.all())))
                        for t in Task.objects.filter(plan__zone=zone)),
        "transitions": TaskTransition.objects.filter(task__plan__zone=zone).count(),
        "projects": sorted((p.name, str(p.agreed_investment), p.currency, p.stage, p.stage_date, p.unit.name)
                           for p in InvestmentProject.objects.filter(zone=zone)),
        "stage_changes": StageChange.objects.filter(project__zone=zone).count(),
    }


def test_a_folder_commits_what_importing_one_by_one_commits(reports, zone, other_zone, admin_user):
    give_units(zone, reports, admin_user)
    give_units(other_zone, reports, admin_user)
    one = [import_file(p, zone, acting_user=admin_user, commit=True, options=OPTIONS)[2] for p in reports]
    before = AuditEntry.objects.count()
    rows = import_files(reports, other_zone, acting_user=admin_user, commit=True, options=OPTIONS)
    assert [m.replace(f"“{zone}”中", "“ZONE”中") for m in one] == [
        r[3].replace(f"“{other_zone}”中", "“ZONE”中") for r in rows]
    theirs, ours = committed(zone), committed(other_zone)
    assert ours == theirs
    assert len(ours["tasks"]) > 10 and len(ours["projects"]) > 10 and len(ours["observations"]) > 10
    # Every row written has its audit entry, with the row as it stands; the chain still holds.
    entries = AuditEntry.objects.filter(pk__gt=AuditEntry.objects.order_by("pk").values_list("pk", flat=True)[before - 1])
    for model in (Observation, Target, Plan, Task, InvestmentProject, TrackedIndicator, SourceDocument):
        rows_ = list(model.objects.filter(**{"plan__zone" if model is Task else "zone": other_zone}))
        created = {e.object_id: e for e in entries.filter(action=AuditAction.CREATE,
                                                          content_type__model=model._meta.model_name)}
        assert {str(r.pk) for r in rows_} <= set(created), model
        for row in rows_:
            if model is not SourceDocument:  # a document's entry is its upload; its commit is an update
                assert not diff(created[str(row.pk)].after, row.snapshot(), model), (model, row)
    with_support = [t for t in Task.objects.filter(plan__zone=other_zone) if t.support_units.exists()]
    assert with_support
    for task in with_support:
        entry = entries.get(action=AuditAction.UPDATE, content_type__model="task", object_id=str(task.pk))
        assert entry.after == {"support_units": sorted(task.support_units.values_list("pk", flat=True))}
    assert verify_chain()[0] is None


def test_a_refused_or_bad_file_leaves_the_others_committed(reports, zone, admin_user, tmp_path):
    give_units(zone, reports, admin_user)
    bad = tmp_path / "扫描件.xls"
    bad.write_bytes(b"not a report")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    # Without skip_incomplete, a report with a figure lacking its year is refused as a whole.
    options = {**OPTIONS, "skip_incomplete": False}
    rows = import_files([reports[0], bad, *reports[1:12], empty, tmp_path / "没有.txt"], zone, acting_user=admin_user,
                        commit=True, options=options)
    by_name = {r[0].name: r for r in rows}
    assert by_name["扫描件.xls"][1] is None and "格式不支持" in by_name["扫描件.xls"][3]
    assert by_name["空.txt"][1] is None and "空文件" in by_name["空.txt"][3]
    assert by_name["没有.txt"][1] is None and "文件不存在" in by_name["没有.txt"][3]
    refused = [r for r in rows if r[1] is not None and "提交失败，未写入" in r[3]]
    done = [r for r in rows if r[1] is not None and "已提交" in r[3] and "提交失败" not in r[3]]
    assert refused and done
    for _path, document, _created, message in refused:
        document.refresh_from_db()
        assert document.status == "read" and "没有年份" in message
        assert not Observation.objects.filter(document=document).exists()
        assert not Target.objects.filter(document=document).exists()
        assert not InvestmentProject.objects.filter(provenance__document=document.pk).exists()
    for _path, document, _created, _message in done:
        assert document.status == "committed"
    assert Observation.objects.filter(zone=zone, document__in=[r[1] for r in done]).exists()


def test_a_failure_mid_batch_writes_nothing_of_the_commit(reports, zone, admin_user, monkeypatch):
    give_units(zone, reports, admin_user)
    entry = committers.committer("projects")

    def breaks(entries, **kwargs):
        entry.many(entries, **kwargs)  # the projects are written, then the commit fails
        raise RuntimeError("磁盘已满")

    monkeypatch.setitem(committers._REGISTRY, "projects", entry._replace(many=breaks))
    with pytest.raises(RuntimeError):
        import_files(reports, zone, acting_user=admin_user, commit=True, options=OPTIONS)
    # The upload and the reading stand (they were written before); nothing of the commit does.
    assert SourceDocument.objects.filter(zone=zone).count() == len(reports)
    assert not SourceDocument.objects.filter(zone=zone, status="committed").exists()
    assert not Observation.objects.filter(zone=zone).exists() and not Target.objects.filter(zone=zone).exists()
    assert not Plan.objects.filter(zone=zone).exists() and not InvestmentProject.objects.filter(zone=zone).exists()
    assert verify_chain()[0] is None


def _queries(files, zone, actor):
    with CaptureQueriesContext(connection) as queries:
        rows = import_files(files, zone, acting_user=actor, commit=True, options=OPTIONS)
    assert all("已提交：" in r[3] for r in rows)
    return len(queries)


def test_the_queries_of_a_folder_do_not_grow_with_its_documents(reports, zone, other_zone, admin_user):
    give_units(zone, reports, admin_user)
    give_units(other_zone, reports, admin_user)
    few, many = _queries(reports[:5], zone, admin_user), _queries(reports[:30], other_zone, admin_user)
    # Six times the documents (with tasks and projects among the later ones): a fixed handful more
    # statements (one set of writes per kind of record), not a set per document.
    assert many <= few + 40, (few, many)
