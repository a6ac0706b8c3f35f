"""The demo: seed 001's plan with realistic progress, loaded twice without change."""

import io

from django.core.management import call_command

from zonework.work.choices import Light, TaskStatus
from zonework.work.lights import task_light
from zonework.work.models import Assessment, Plan, Reminder


def test_demo_has_done_late_and_warned_tasks_and_is_idempotent(db):
    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    plan = Plan.objects.get(zone__name="武汉经济技术开发区")
    tasks = list(plan.tasks.select_related("plan", "lead_unit"))
    assert len(tasks) == 14
    statuses = {t.status for t in tasks}
    assert {TaskStatus.DONE, TaskStatus.DONE_LATE, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETION_REQUESTED} <= statuses
    lights = {task_light(t).light for t in tasks}
    assert {Light.RED, Light.YELLOW, Light.GREEN, Light.DONE} <= lights
    assert Reminder.objects.exclude(level="").exists()
    assert Assessment.objects.filter(zone=plan.zone).exists()
    counts = (Plan.objects.count(), plan.tasks.count(), Reminder.objects.count())
    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    assert (Plan.objects.count(), plan.tasks.count(), Reminder.objects.count()) == counts


def test_demo_without_the_shared_folder_uses_the_built_in_list(db, monkeypatch):
    from zonework.work import demo

    monkeypatch.setattr(demo, "shared_seed", lambda: None)
    records, source = demo.seed_records()
    assert len(records) == 14 and source.startswith("演示数据")
    assert records[1]["units"][0] == "招商局"
