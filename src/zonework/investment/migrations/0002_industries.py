"""Formerly seeded the industries; they moved to core (core/0003_industry seeds them now).

Kept, empty, so that databases which applied it and migrations which name it stay consistent.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]

    operations = []
