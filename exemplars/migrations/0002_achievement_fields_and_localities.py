"""The fields of achievement the plan names, and the province's localities (editable afterwards as snippets)."""

from django.db import migrations

from exemplars.sorting import sortable_name

ACHIEVEMENT_FIELDS = [
    ("hoc-tap", "Học tập"),
    ("cong-tac", "Công tác"),
    ("lao-dong-san-xuat-kinh-doanh", "Lao động, sản xuất, kinh doanh"),
    ("chien-dau-phuc-vu-chien-dau", "Chiến đấu và phục vụ chiến đấu"),
    ("sang-kien-cai-tien-ky-thuat", "Sáng kiến, cải tiến kỹ thuật"),
    ("khoa-hoc-cong-nghe", "Khoa học, công nghệ"),
    ("nhan-dao-tu-thien", "Nhân đạo, từ thiện"),
    ("khac", "Lĩnh vực khác"),
]

# The district-level localities of Đắk Lắk during the plan (2024-2025).
LOCALITIES = [
    ("Thành phố Buôn Ma Thuột", "city"),
    ("Thị xã Buôn Hồ", "town"),
    ("Huyện Buôn Đôn", "district"),
    ("Huyện Cư Kuin", "district"),
    ("Huyện Cư M'gar", "district"),
    ("Huyện Ea H'leo", "district"),
    ("Huyện Ea Kar", "district"),
    ("Huyện Ea Súp", "district"),
    ("Huyện Krông Ana", "district"),
    ("Huyện Krông Bông", "district"),
    ("Huyện Krông Búk", "district"),
    ("Huyện Krông Năng", "district"),
    ("Huyện Krông Pắc", "district"),
    ("Huyện Lắk", "district"),
    ("Huyện M'Đrắk", "district"),
]


def seed(apps, schema_editor):
    AchievementField = apps.get_model("exemplars", "AchievementField")
    Locality = apps.get_model("exemplars", "Locality")
    for order, (code, name) in enumerate(ACHIEVEMENT_FIELDS):
        AchievementField.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})
    for name, kind in LOCALITIES:
        Locality.objects.update_or_create(name=name, defaults={"kind": kind, "sort_name": sortable_name(name)})


class Migration(migrations.Migration):
    dependencies = [("exemplars", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
