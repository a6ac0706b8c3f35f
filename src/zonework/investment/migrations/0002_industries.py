"""Seed GB/T 4754-2017: the 门类 A–T and their 大类 01–97."""

from django.db import migrations


def seed(apps, schema_editor):
    from zonework.investment.data.industries import load

    load(apps.get_model("investment", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
