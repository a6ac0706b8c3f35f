"""Industry (GB/T 4754-2017) becomes core reference data, keeping its table `investment_industry`.

A database made before the move has the table, its rows and the foreign keys pointing at it: they
are kept as they are, and the content type (with its permissions and audit entries) is handed from
investment to core. A new database gets the table here, whichever apps are installed, and the
门类 A–T and 大类 01–97 are seeded (or refreshed) in both.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from zonework.core.migration_operations import CreateModelUnlessPresent


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="investment", model="industry").first()
    if old is not None and not ContentType.objects.filter(app_label="core", model="industry").exists():
        old.app_label = "core"
        old.save(update_fields=["app_label"])


def seed(apps, schema_editor):
    from zonework.core.data.industries import load

    load(apps.get_model("core", "Industry"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_auditentry_action_refused"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateModelUnlessPresent(
            name="Industry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("code", models.CharField(max_length=10, unique=True, verbose_name="代码")),
                ("name", models.CharField(max_length=100, verbose_name="名称")),
                ("level", models.CharField(choices=[("section", "门类"), ("division", "大类"), ("group", "中类"),
                                                    ("class", "小类")], max_length=10, verbose_name="层级")),
                ("sort_order", models.PositiveIntegerField(default=0, verbose_name="排序")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True,
                                                 on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                 to=settings.AUTH_USER_MODEL, verbose_name="创建人")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                             related_name="children", to="core.industry", verbose_name="上级")),
            ],
            options={
                "verbose_name": "行业",
                "verbose_name_plural": "行业",
                "ordering": ["sort_order", "code"],
                "db_table": "investment_industry",
            },
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
