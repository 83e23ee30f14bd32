"""Idempotent setup: the registry and the movement index on every outlet (canonical on the portal, aliases
elsewhere); the nomination roles; each unit's officers' group and its column on the portal."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission

from newsroom.models import ColumnPage, Outlet, OutletHomePage
from newsroom.outlets import grant_media_permissions, page_permission

from .models import ExemplarIndexPage, MovementIndexPage, Unit
from .roles import CHAIRMAN_OFFICE_GROUP, REVIEWERS_GROUP, officers_group_name

CANONICAL_OUTLET = Outlet.PORTAL

SHARED_INDEXES = [
    (
        ExemplarIndexPage,
        "Hồ sơ điển hình tiên tiến",
        "ho-so-dien-hinh",
        "Hồ sơ các tập thể, cá nhân, hộ gia đình điển hình tiên tiến của tỉnh Đắk Lắk, "
        "dùng chung cho Báo, Đài và Cổng thông tin điện tử tỉnh.",
    ),
    (
        MovementIndexPage,
        "Các phong trào thi đua",
        "phong-trao",
        "Các phong trào thi đua yêu nước do Trung ương, tỉnh và các cơ quan, đơn vị phát động.",
    ),
]


@transaction.atomic
def ensure_shared_indexes(homes):
    """For `homes` ({outlet: home page}), each shared index: {index class: the canonical index}."""
    return {
        index_class: ensure_shared_index(index_class, homes, title, slug, intro)
        for index_class, title, slug, intro in SHARED_INDEXES
    }


def ensure_shared_index(index_class, homes, title, slug, intro):
    canonical_home = homes[CANONICAL_OUTLET]
    canonical = index_class.objects.child_of(canonical_home).filter(alias_of__isnull=True).first()
    if canonical is None:
        canonical = index_class(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True)
        canonical_home.add_child(instance=canonical)
        canonical.save_revision().publish()
    for home in homes.values():
        if not index_class.objects.child_of(home).exists():
            canonical.create_alias(parent=home)
    return canonical


# The Department keeps the rounds (their reminder schedule too), says who is an officer of which unit, and reads
# the log of the reminders sent.
REVIEWER_MODEL_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("nominationround", "officerprofile")
    for action in ("add", "change", "view")
] + ["delete_officerprofile", "view_nominationreminder"]
OFFICER_PAGE_PERMISSIONS = ["add", "change"]


def access_admin_permission():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@transaction.atomic
def ensure_nomination_roles():
    """The Department's reviewers and the chairman's office, as groups: {group name: group}."""
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    reviewers.permissions.add(
        access_admin_permission(),
        *Permission.objects.filter(
            content_type__app_label="exemplars", codename__in=REVIEWER_MODEL_PERMISSIONS
        ),
    )
    chairman_office, _ = Group.objects.get_or_create(name=CHAIRMAN_OFFICE_GROUP)
    chairman_office.permissions.add(access_admin_permission())
    return {REVIEWERS_GROUP: reviewers, CHAIRMAN_OFFICE_GROUP: chairman_office}


@transaction.atomic
def ensure_unit_officers(unit):
    """The group "<unit> · Cán bộ thi đua": into the admin, media, and writing in the unit's column if any."""
    group = unit.officer_group or Group.objects.get_or_create(name=officers_group_name(unit))[0]
    if unit.officer_group_id != group.pk:
        unit.officer_group = group
        unit.save(update_fields=["officer_group"])
    group.permissions.add(access_admin_permission())
    grant_media_permissions(group)
    if unit.column_id:
        for permission_type in OFFICER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=unit.column, permission=page_permission(permission_type)
            )
    return group


@transaction.atomic
def ensure_unit_column(unit, portal_home=None):
    """The unit's column under the portal home; its officers write there, the portal's editors publish.

    The portal's review workflow is set on its home page, so the column inherits it.
    """
    if unit.column_id is None:
        portal_home = portal_home or OutletHomePage.objects.get(outlet=Outlet.PORTAL)
        column = ColumnPage(
            title=unit.name,
            intro=f"<p>Chuyên mục tuyên truyền điển hình tiên tiến, phong trào thi đua của {unit.name}.</p>",
        )
        portal_home.add_child(instance=column)
        unit.column = column
        unit.save(update_fields=["column"])
    ensure_unit_officers(unit)
    return unit.column


def join_unit_officers(user, unit):
    """Put `user` in the officers' group of `unit` and out of any other unit's: one unit per user."""
    group = ensure_unit_officers(unit)
    user.groups.remove(*Group.objects.filter(officers_unit__isnull=False).exclude(pk=group.pk))
    user.groups.add(group)


def ensure_all_unit_columns():
    portal_home = OutletHomePage.objects.get(outlet=Outlet.PORTAL)
    return [ensure_unit_column(unit, portal_home) for unit in Unit.objects.select_related("column")]


def set_up_registry_and_nominations(homes):
    """The setup step (newsroom.setup): the shared indexes on every outlet, the nomination roles, and every
    unit's column and officers' group."""
    ensure_shared_indexes(homes)
    ensure_nomination_roles()
    columns = ensure_all_unit_columns()
    return f"Exemplar registry and movements on every outlet; nomination roles; {len(columns)} unit columns."
