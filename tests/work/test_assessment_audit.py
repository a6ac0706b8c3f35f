"""Computing an assessment's ranking is one named audit event, with the ranking before and after."""

import datetime

from zonework.core import clock
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.work import actions
from zonework.work.models import Assessment, Task


def computed(assessment):
    return AuditEntry.objects.filter(event="assessment.computed", content_type__model="assessment",
                                     object_id=str(assessment.pk)).order_by("id")


def test_a_recomputed_ranking_is_traced_to_who_recomputed_it(tasks, supervisor, zone):
    assessment = actions.create_assessment({"zone": zone, "year": tasks["t_invest"].plan.year},
                                           acting_user=supervisor)
    [first] = computed(assessment)
    assert first.before is None and first.user == supervisor
    ranks = {r["unit"]: r["rank"] for r in first.after["ranking"]}
    assert ranks["招商局"] == ranks["经信局"] == 1  # nothing due yet: full marks, a shared rank
    Task.objects.filter(pk=tasks["t_econ"].pk).update(deadline=clock.today() - datetime.timedelta(days=1))
    actions.recompute_assessment(assessment, acting_user=supervisor)
    second = computed(assessment).last()
    assert second.before == first.after and second.user == supervisor
    after = {r["unit"]: r for r in second.after["ranking"]}
    assert after["经信局"]["rank"] > after["招商局"]["rank"]
    stored = Assessment.objects.get(pk=assessment.pk)
    assert {r["unit"]: r["total"] for r in stored.results} == {u: r["total"] for u, r in after.items()}
    # The results are derived: no field-by-field entry repeats them.
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE, content_type__model="assessment",
                                         object_id=str(assessment.pk)).exists()
