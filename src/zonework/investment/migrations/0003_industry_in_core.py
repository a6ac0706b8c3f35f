"""A project's industry now points at core's Industry (same table, same column, same rows).

The column was created by 0001 in databases made before the move, and is added here in new ones.
"""

import django.db.models.deletion
from django.db import migrations, models

from zonework.core.migration_operations import AddFieldUnlessPresent


class Migration(migrations.Migration):
    dependencies = [
        ("investment", "0002_industries"),
        ("core", "0003_industry"),
    ]

    operations = [
        AddFieldUnlessPresent(
            model_name="investmentproject",
            name="industry",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="investment_projects", to="core.industry", verbose_name="行业"),
        ),
    ]
