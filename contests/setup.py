"""The contest roles: organisers and judges. Idempotent."""

from django.contrib.auth.models import Group, Permission

JUDGES_GROUP = "Giám khảo"
ORGANISERS_GROUP = "Ban tổ chức cuộc thi"

ORGANISER_PERMISSIONS = [
    "view_entry",
    "change_entry",
    "manage_judging",
    "add_judgeassignment",
    "change_judgeassignment",
    "delete_judgeassignment",
    "view_judgeassignment",
]
JUDGE_PERMISSIONS = ["score_entries"]


def ensure_contest_roles():
    """{group name: group}: organisers read the entries and run the judging; judges score what they are given."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    judges, _ = Group.objects.get_or_create(name=JUDGES_GROUP)
    judges.permissions.add(access_admin, *_contest_permissions(JUDGE_PERMISSIONS))
    organisers, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    organisers.permissions.add(access_admin, *_contest_permissions(ORGANISER_PERMISSIONS))
    return {JUDGES_GROUP: judges, ORGANISERS_GROUP: organisers}


def _contest_permissions(codenames):
    return Permission.objects.filter(content_type__app_label="contests", codename__in=codenames)


def set_up_contest_roles(homes):
    """The setup step (newsroom.setup): the contests need no page of their own, only their roles."""
    return f"Contest roles: {', '.join(ensure_contest_roles())}."
