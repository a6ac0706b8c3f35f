# The zone of every earlier 批示; 0007 then requires the column. Three migrations, because PostgreSQL
# refuses to alter a table with pending (deferred foreign key) trigger events in one transaction.

from django.db import migrations


def zone_from_task(apps, schema_editor):
    # Every 批示 so far was on a task: its zone is the task's plan's zone.
    Instruction = apps.get_model("work", "Instruction")
    for ins in Instruction.objects.filter(zone__isnull=True).select_related("task__plan"):
        ins.zone_id = ins.task.plan.zone_id
        ins.save(update_fields=["zone"])


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0005_instruction_subjects"),
    ]

    operations = [
        migrations.RunPython(zone_from_task, migrations.RunPython.noop),
    ]
