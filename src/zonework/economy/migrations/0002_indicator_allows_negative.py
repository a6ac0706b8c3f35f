"""Indicators learn whether their values may be negative: rates (增速, 同比, unit %) may, levels may not.

Existing rows are set by the same rule the catalogue sync and new indicators use, so a zone's growth-rate
indicators keep accepting the negative figures they already hold.
"""

from django.db import migrations, models

from zonework.economy.catalogue import may_be_negative


def mark_rates(apps, schema_editor):
    Indicator = apps.get_model("economy", "Indicator")
    for row in Indicator.objects.all():
        if may_be_negative(row.name, row.unit):
            row.allows_negative = True
            row.save(update_fields=["allows_negative"])


class Migration(migrations.Migration):

    dependencies = [
        ("economy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="allows_negative",
            field=models.BooleanField(
                default=False, verbose_name="可为负数",
                help_text="增速、同比、百分比等可能低于零的指标勾选；其余指标（产值、投资、企业数等）录入负数会被拒绝。"),
        ),
        migrations.RunPython(mark_rates, migrations.RunPython.noop),
    ]
