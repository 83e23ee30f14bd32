"""Local government of two levels from 1 July 2025: the communes and wards of the merged Đắk Lắk, each with the
districts it was part of among its former names (editable afterwards as snippets).

The district-level localities seeded by 0002 stay, with the units that point at them: they are former now.
Names: the communes and wards of Resolution 1660/NQ-UBTVQH15 (16/6/2025) as listed in Decision 19/2025/QĐ-TTg;
a commune's former districts are the districts of the communes it took in.
"""

import datetime

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

from exemplars.sorting import sortable_name

# The last day of the districts (huyện, thị xã, thành phố thuộc tỉnh).
DISTRICTS_UNTIL = datetime.date(2025, 6, 30)

# (name, kind, former districts), by the district the commune or ward mostly lies in.
PRESENT_LOCALITIES = [
    # The land of Đắk Lắk before the merger.
    ("Phường Buôn Ma Thuột", "ward", ["Thành phố Buôn Ma Thuột"]),
    ("Phường Ea Kao", "ward", ["Thành phố Buôn Ma Thuột"]),
    ("Phường Tân An", "ward", ["Thành phố Buôn Ma Thuột"]),
    ("Phường Tân Lập", "ward", ["Thành phố Buôn Ma Thuột"]),
    ("Phường Thành Nhất", "ward", ["Thành phố Buôn Ma Thuột"]),
    ("Xã Hòa Phú", "commune", ["Thành phố Buôn Ma Thuột"]),
    ("Phường Buôn Hồ", "ward", ["Thị xã Buôn Hồ"]),
    ("Phường Cư Bao", "ward", ["Thị xã Buôn Hồ"]),
    ("Xã Ea Drông", "commune", ["Thị xã Buôn Hồ"]),
    ("Xã Buôn Đôn", "commune", ["Huyện Buôn Đôn"]),
    ("Xã Ea Nuôl", "commune", ["Huyện Buôn Đôn"]),
    ("Xã Ea Wer", "commune", ["Huyện Buôn Đôn"]),
    ("Xã Dray Bhăng", "commune", ["Huyện Cư Kuin"]),
    ("Xã Ea Ktur", "commune", ["Huyện Cư Kuin"]),
    ("Xã Ea Ning", "commune", ["Huyện Cư Kuin"]),
    ("Xã Cuôr Đăng", "commune", ["Huyện Cư M'gar"]),
    ("Xã Cư M'gar", "commune", ["Huyện Cư M'gar"]),
    ("Xã Ea Kiết", "commune", ["Huyện Cư M'gar"]),
    ("Xã Ea M'Droh", "commune", ["Huyện Cư M'gar"]),
    ("Xã Ea Tul", "commune", ["Huyện Cư M'gar"]),
    ("Xã Quảng Phú", "commune", ["Huyện Cư M'gar"]),
    ("Xã Ea Drăng", "commune", ["Huyện Ea H'leo"]),
    ("Xã Ea H'leo", "commune", ["Huyện Ea H'leo"]),
    ("Xã Ea Hiao", "commune", ["Huyện Ea H'leo"]),
    ("Xã Ea Khăl", "commune", ["Huyện Ea H'leo"]),
    ("Xã Ea Wy", "commune", ["Huyện Ea H'leo"]),
    ("Xã Cư Yang", "commune", ["Huyện Ea Kar"]),
    ("Xã Ea Kar", "commune", ["Huyện Ea Kar"]),
    ("Xã Ea Knốp", "commune", ["Huyện Ea Kar"]),
    ("Xã Ea Ô", "commune", ["Huyện Ea Kar"]),
    ("Xã Ea Păl", "commune", ["Huyện Ea Kar"]),
    ("Xã Ea Bung", "commune", ["Huyện Ea Súp"]),
    ("Xã Ea Rốk", "commune", ["Huyện Ea Súp"]),
    ("Xã Ea Súp", "commune", ["Huyện Ea Súp"]),
    ("Xã Ia Lốp", "commune", ["Huyện Ea Súp"]),
    ("Xã Ia Rvê", "commune", ["Huyện Ea Súp"]),
    ("Xã Dur Kmăl", "commune", ["Huyện Krông Ana"]),
    ("Xã Ea Na", "commune", ["Huyện Krông Ana"]),
    ("Xã Krông Ana", "commune", ["Huyện Krông Ana"]),
    ("Xã Cư Pui", "commune", ["Huyện Krông Bông"]),
    ("Xã Dang Kang", "commune", ["Huyện Krông Bông"]),
    ("Xã Hòa Sơn", "commune", ["Huyện Krông Bông"]),
    ("Xã Krông Bông", "commune", ["Huyện Krông Bông"]),
    ("Xã Yang Mao", "commune", ["Huyện Krông Bông"]),
    ("Xã Cư Pơng", "commune", ["Huyện Krông Búk"]),
    ("Xã Krông Búk", "commune", ["Huyện Krông Búk"]),
    ("Xã Pơng Drang", "commune", ["Huyện Krông Búk"]),
    ("Xã Dliê Ya", "commune", ["Huyện Krông Năng"]),
    ("Xã Krông Năng", "commune", ["Huyện Krông Năng"]),
    ("Xã Phú Xuân", "commune", ["Huyện Krông Năng"]),
    ("Xã Tam Giang", "commune", ["Huyện Krông Năng"]),
    ("Xã Ea Kly", "commune", ["Huyện Krông Pắc"]),
    ("Xã Ea Knuếc", "commune", ["Huyện Krông Pắc"]),
    ("Xã Ea Phê", "commune", ["Huyện Krông Pắc"]),
    ("Xã Krông Pắc", "commune", ["Huyện Krông Pắc"]),
    ("Xã Tân Tiến", "commune", ["Huyện Krông Pắc"]),
    ("Xã Vụ Bổn", "commune", ["Huyện Krông Pắc"]),
    ("Xã Đắk Liêng", "commune", ["Huyện Lắk"]),
    ("Xã Đắk Phơi", "commune", ["Huyện Lắk"]),
    ("Xã Krông Nô", "commune", ["Huyện Lắk"]),
    ("Xã Liên Sơn Lắk", "commune", ["Huyện Lắk"]),
    ("Xã Nam Ka", "commune", ["Huyện Lắk"]),
    ("Xã Cư M'ta", "commune", ["Huyện M'Đrắk"]),
    ("Xã Cư Prao", "commune", ["Huyện M'Đrắk"]),
    ("Xã Ea Riêng", "commune", ["Huyện M'Đrắk"]),
    ("Xã Ea Trang", "commune", ["Huyện M'Đrắk"]),
    ("Xã Krông Á", "commune", ["Huyện M'Đrắk"]),
    ("Xã M'Đrắk", "commune", ["Huyện M'Đrắk"]),
    # The land of Phú Yên.
    ("Phường Bình Kiến", "ward", ["Thành phố Tuy Hòa"]),
    ("Phường Phú Yên", "ward", ["Thành phố Tuy Hòa", "Thị xã Đông Hòa", "Huyện Tây Hòa"]),
    ("Phường Tuy Hòa", "ward", ["Thành phố Tuy Hòa", "Huyện Phú Hòa"]),
    ("Phường Sông Cầu", "ward", ["Thị xã Sông Cầu"]),
    ("Phường Xuân Đài", "ward", ["Thị xã Sông Cầu"]),
    ("Xã Xuân Cảnh", "commune", ["Thị xã Sông Cầu"]),
    ("Xã Xuân Lộc", "commune", ["Thị xã Sông Cầu"]),
    ("Xã Xuân Thọ", "commune", ["Thị xã Sông Cầu"]),
    ("Phường Đông Hòa", "ward", ["Thị xã Đông Hòa"]),
    ("Phường Hòa Hiệp", "ward", ["Thị xã Đông Hòa"]),
    ("Xã Hòa Xuân", "commune", ["Thị xã Đông Hòa"]),
    ("Xã Đồng Xuân", "commune", ["Huyện Đồng Xuân"]),
    ("Xã Phú Mỡ", "commune", ["Huyện Đồng Xuân"]),
    ("Xã Xuân Lãnh", "commune", ["Huyện Đồng Xuân"]),
    ("Xã Xuân Phước", "commune", ["Huyện Đồng Xuân"]),
    ("Xã Phú Hòa 1", "commune", ["Huyện Phú Hòa"]),
    ("Xã Phú Hòa 2", "commune", ["Huyện Phú Hòa"]),
    ("Xã Sơn Hòa", "commune", ["Huyện Sơn Hòa"]),
    ("Xã Suối Trai", "commune", ["Huyện Sơn Hòa"]),
    ("Xã Tây Sơn", "commune", ["Huyện Sơn Hòa"]),
    ("Xã Vân Hòa", "commune", ["Huyện Sơn Hòa"]),
    ("Xã Đức Bình", "commune", ["Huyện Sông Hinh"]),
    ("Xã Ea Bá", "commune", ["Huyện Sông Hinh"]),
    ("Xã Ea Ly", "commune", ["Huyện Sông Hinh"]),
    ("Xã Sông Hinh", "commune", ["Huyện Sông Hinh"]),
    ("Xã Hòa Mỹ", "commune", ["Huyện Tây Hòa"]),
    ("Xã Hòa Thịnh", "commune", ["Huyện Tây Hòa"]),
    ("Xã Sơn Thành", "commune", ["Huyện Tây Hòa"]),
    ("Xã Tây Hòa", "commune", ["Huyện Tây Hòa"]),
    ("Xã Ô Loan", "commune", ["Huyện Tuy An"]),
    ("Xã Tuy An Bắc", "commune", ["Huyện Tuy An"]),
    ("Xã Tuy An Đông", "commune", ["Huyện Tuy An"]),
    ("Xã Tuy An Nam", "commune", ["Huyện Tuy An"]),
    ("Xã Tuy An Tây", "commune", ["Huyện Tuy An"]),
]


def seed(apps, schema_editor):
    Locality = apps.get_model("exemplars", "Locality")
    LocalityFormerName = apps.get_model("exemplars", "LocalityFormerName")
    for name, kind, districts in PRESENT_LOCALITIES:
        locality, _ = Locality.objects.update_or_create(
            name=name, defaults={"kind": kind, "sort_name": sortable_name(name)}
        )
        for district in districts:
            LocalityFormerName.objects.get_or_create(
                locality=locality,
                name=district,
                defaults={"until": DISTRICTS_UNTIL, "sort_name": sortable_name(district)},
            )


class Migration(migrations.Migration):

    dependencies = [
        ('exemplars', '0005_nomination_text_limits'),
    ]

    operations = [
        migrations.AlterField(
            model_name='locality',
            name='kind',
            field=models.CharField(choices=[('commune', 'Commune'), ('ward', 'Ward'), ('city', 'Provincial city (before 1 July 2025)'), ('town', 'Town (before 1 July 2025)'), ('district', 'District (before 1 July 2025)')], default='commune', max_length=10, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='unit',
            name='kind',
            field=models.CharField(choices=[('agency', 'Agency'), ('department', 'Department'), ('district', 'District, town or city (before 1 July 2025)'), ('commune', 'Commune or ward'), ('enterprise', 'Enterprise'), ('cooperative', 'Cooperative'), ('armed_forces', 'Armed forces unit'), ('school', 'School'), ('association', 'Association or mass organisation'), ('other', 'Other')], max_length=20, verbose_name='kind'),
        ),
        migrations.CreateModel(
            name='LocalityFormerName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024, verbose_name='sort name')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('until', models.DateField(blank=True, help_text='The last day of the name: 30/6/2025 for the districts.', null=True, verbose_name='in use until')),
                ('locality', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='former_names', to='exemplars.locality')),
            ],
            options={
                'verbose_name': 'former name',
                'verbose_name_plural': 'former names',
                'ordering': ['sort_name'],
                'constraints': [models.UniqueConstraint(fields=('locality', 'name'), name='unique_former_name_per_locality')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
