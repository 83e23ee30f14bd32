"""Each outlet's masthead and legal footer (newsroom.models.OutletIdentity): what setup writes where they are
empty, and the right of the outlet's editors to edit their own outlet's and no other's.

Setup writes only what is true of every install (names, governing bodies, the usual wording); the licence, the
person responsible and the contacts are the outlet's to enter, and the footer leaves out what is empty.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupSitePermission, Site

from newsroom.models import Outlet, OutletIdentity

IDENTITY_DEFAULTS = {
    Outlet.NEWSPAPER: {
        "full_name": "Báo Đắk Lắk",
        "governing_body": "Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Đắk Lắk",
        "responsible_role": "Tổng biên tập",
        "legal_line": "Ghi rõ nguồn “Báo Đắk Lắk” khi phát hành lại thông tin từ trang này.",
    },
    Outlet.BROADCAST: {
        "full_name": "Đài Phát thanh và Truyền hình tỉnh Đắk Lắk",
        "governing_body": "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đắk Lắk",
        "responsible_role": "Giám đốc",
        "legal_line": (
            "Ghi rõ nguồn “Đài Phát thanh và Truyền hình tỉnh Đắk Lắk” khi phát hành lại thông tin từ trang này."
        ),
    },
    Outlet.PORTAL: {
        "full_name": "Cổng thông tin điện tử tỉnh Đắk Lắk",
        "governing_body": "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đắk Lắk",
        "responsible_role": "Chịu trách nhiệm chính",
        "legal_line": "Ghi rõ nguồn “Cổng thông tin điện tử tỉnh Đắk Lắk” khi trích dẫn thông tin từ trang này.",
    },
}


def ensure_identity(home):
    """The outlet's masthead and footer, its empty fields filled from IDENTITY_DEFAULTS; the others kept."""
    identity = OutletIdentity.for_site(Site.objects.get(root_page=home))
    empty = [name for name in IDENTITY_DEFAULTS[home.outlet] if not getattr(identity, name)]
    for name in empty:
        setattr(identity, name, IDENTITY_DEFAULTS[home.outlet][name])
    if empty:
        identity.save(update_fields=empty)
    return identity


def grant_identity_editing(group, home):
    """`group` may edit the masthead and footer of `home`'s site (Wagtail's per-site setting permission)."""
    permission = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(OutletIdentity), codename="change_outletidentity"
    )
    GroupSitePermission.objects.get_or_create(
        group=group, site=Site.objects.get(root_page=home), permission=permission
    )
