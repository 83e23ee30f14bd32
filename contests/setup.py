"""The contest roles: organisers and judges. Idempotent."""

from django.contrib.auth.models import Group, Permission

JUDGES_GROUP = "Giám khảo"
ORGANISERS_GROUP = "Ban tổ chức cuộc thi"

ORGANISER_PERMISSIONS = ["view_entry", "change_entry"]


def ensure_contest_roles():
    """{group name: group}: organisers read the entries; judges only reach the admin until judging lands."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    judges, _ = Group.objects.get_or_create(name=JUDGES_GROUP)
    judges.permissions.add(access_admin)
    organisers, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    organisers.permissions.add(
        access_admin,
        *Permission.objects.filter(content_type__app_label="contests", codename__in=ORGANISER_PERMISSIONS),
    )
    return {JUDGES_GROUP: judges, ORGANISERS_GROUP: organisers}
