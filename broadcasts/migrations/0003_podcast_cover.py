import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasts", "0002_media_blocks_to_items"),
    ]

    operations = [
        migrations.AddField(
            model_name="programmeindexpage",
            name="cover",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The station's square picture, at least 1400 px: podcast apps show it for the feeds by "
                    "language and for programmes without a cover of their own."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="newsroom.newsroomimage",
                verbose_name="podcast cover",
            ),
        ),
    ]
