"""An enterprise's industry points at core's Industry, so the app needs no other domain app.

The column was created by 0001 in databases made before the move (when it pointed at
investment's model, the same table), and is added here in new ones.
"""

import django.db.models.deletion
from django.db import migrations, models

from zonework.core.migration_operations import AddFieldUnlessPresent


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0001_initial"),
        ("core", "0003_industry"),
    ]

    operations = [
        AddFieldUnlessPresent(
            model_name="enterprise",
            name="industry",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="enterprises", to="core.industry", verbose_name="行业"),
        ),
    ]
