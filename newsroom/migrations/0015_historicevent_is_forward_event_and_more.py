# Historic events may be forward events (a coming congress), shown once and never as anniversaries.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0014_story_assignments'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicevent',
            name='is_forward_event',
            field=models.BooleanField(default=False, help_text='An event ahead (a congress, a review conference): shown once, on its own date and under its own name, never as an anniversary. Congresses never give anniversaries.', verbose_name='coming event'),
        ),
        migrations.AlterField(
            model_name='historicevent',
            name='name',
            field=models.CharField(help_text='As it reads after "Kỷ niệm 50 năm": for example, Chiến thắng Buôn Ma Thuột; a forward event by its own name: Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII', max_length=200, unique=True, verbose_name='name'),
        ),
    ]
