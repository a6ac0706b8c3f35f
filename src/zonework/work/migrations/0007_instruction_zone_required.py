import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0006_instruction_zone_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name='instruction',
            name='zone',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='work_instructions', to='core.zone', verbose_name='开发区'),
        ),
    ]
