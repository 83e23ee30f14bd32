"""Idempotent setup: the station's programmes index, under the broadcast outlet's home page; and who may upload,
edit and delete audio and video items."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission

from newsroom.models import Outlet
from newsroom.outlets import editors_group_name, journalists_group_name

from .models import ProgrammeIndexPage

PROGRAMMES_TITLE = "Chương trình"
PROGRAMMES_SLUG = "chuong-trinh"
PROGRAMMES_INTRO = (
    "<p>Các chương trình phát thanh, truyền hình của Đài bằng tiếng Việt, tiếng Ê Đê và tiếng M'nông: "
    "nghe, xem lại từng số và theo dõi qua ứng dụng podcast.</p>"
)


@transaction.atomic
def ensure_programme_index(station_home):
    """The station's programmes index, published and in its menu, created when missing."""
    index = ProgrammeIndexPage.objects.child_of(station_home).first()
    if index is None:
        index = ProgrammeIndexPage(
            title=PROGRAMMES_TITLE, slug=PROGRAMMES_SLUG, intro=PROGRAMMES_INTRO, show_in_menus=True
        )
        station_home.add_child(instance=index)
        index.save_revision().publish()
    return index


def set_up_programmes(homes):
    """The setup step (newsroom.setup)."""
    index = ensure_programme_index(homes[Outlet.BROADCAST])
    return f"Broadcasts: the programmes index, {index.full_url}"


# wagtailmedia checks its own model's permissions, whichever model stores the items, on the collections. It has
# two: "add" (upload, then edit and delete what one uploaded) and "change" (edit and delete any item). Its chooser
# offers only the items one may change, so the journalists, who put the station's items into their articles,
# need "change" as the editors do; it grants no separate "delete" or "choose".
MEDIA_ITEM_PERMISSIONS = ["add_media", "change_media"]


def grant_media_item_permissions(homes):
    """The setup step (newsroom.setup): every outlet's journalists and editors upload, edit and choose audio and
    video items in every collection."""
    root = Collection.get_first_root_node()
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailmedia", codename__in=MEDIA_ITEM_PERMISSIONS
    )
    for outlet in homes:
        for name in (journalists_group_name(outlet), editors_group_name(outlet)):
            group = Group.objects.get(name=name)
            for permission in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
    return "Broadcasts: the outlets' journalists and editors upload and edit audio and video."
