"""The knowledge contests' role: the organisers (Ban tổ chức cuộc thi tìm hiểu). Idempotent."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from newsroom.outlets import grant_media_permissions, page_permission

ORGANISERS_GROUP = "Ban tổ chức cuộc thi tìm hiểu"

ORGANISER_PERMISSIONS = [
    *(
        f"{action}_{model}"
        for model in ("quizround", "question")
        for action in ("add", "change", "delete", "view")
    ),
    "view_entrant",
    "view_attempt",
    "publish_results",
]


def ensure_organisers(homes):
    """The organisers keep rounds, questions and results, and build contest pages on every outlet: "add" lets
    them create pages and edit their own, which the outlet's editors review and publish."""
    organisers, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    organisers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="quizzes", codename__in=ORGANISER_PERMISSIONS),
    )
    for home in homes.values():
        GroupPagePermission.objects.get_or_create(
            group=organisers, page=home, permission=page_permission("add")
        )
    grant_media_permissions(organisers)
    return organisers


def set_up_organisers(homes):
    """The setup step (newsroom.setup)."""
    return f"Knowledge contests: {ensure_organisers(homes).name}."
