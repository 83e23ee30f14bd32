"""The three outlets as Wagtail Sites: their home pages, host names, roles and review workflow.

Every function here is idempotent: `setup` and `import_archive` call them on any database.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from newsroom.models import Outlet, OutletHomePage, TagIndexPage
from newsroom.outlet_identity import ensure_identity, grant_identity_editing

# Other apps put their pages under each outlet's home page through this hook (search: its search page), so the
# newsroom needs to know none of them: each function takes the home page and adds what is missing there.
OUTLET_HOME_HOOK = "newsroom_outlet_home"

OUTLET_PAGES = {
    Outlet.NEWSPAPER: {
        "title": "Báo Đắk Lắk",
        "slug": "bao-dak-lak",
        "tagline": "Tiếng nói của Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Đắk Lắk",
        "brand_color": "#a50e1e",
    },
    Outlet.BROADCAST: {
        "title": "Đài Phát thanh và Truyền hình tỉnh",
        "slug": "dai-phat-thanh-va-truyen-hinh",
        "tagline": "Phát thanh, truyền hình tiếng Việt, tiếng Ê Đê và tiếng M'nông",
        "brand_color": "#0b4f8a",
    },
    Outlet.PORTAL: {
        "title": "Cổng thông tin điện tử tỉnh",
        "slug": "cong-thong-tin-dien-tu",
        "tagline": "Thông tin chính thống của Ủy ban nhân dân tỉnh và các sở, ban, ngành",
        "brand_color": "#0f6b3a",
    },
}

JOURNALIST_PAGE_PERMISSIONS = ["add", "change"]
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
# Bylines are kept by everyone who writes; the calendar of historic events by the editors who plan columns.
JOURNALIST_MODEL_PERMISSIONS = ["add_author", "change_author"]
EDITOR_MODEL_PERMISSIONS = [*JOURNALIST_MODEL_PERMISSIONS, "add_historicevent", "change_historicevent"]
# Wagtail checks image and document permissions on its own models, whichever model stores them.
MEDIA_PERMISSIONS = {"wagtailimages": "image", "wagtaildocs": "document"}


def journalists_group_name(outlet):
    return f"{Outlet(outlet).label} · Phóng viên"


def editors_group_name(outlet):
    return f"{Outlet(outlet).label} · Biên tập viên"


def workflow_name(outlet):
    return f"Duyệt biên tập · {Outlet(outlet).label}"


@transaction.atomic
def ensure_outlet(outlet):
    """The outlet's home page, site, tag index, roles, workflow and masthead, created where missing."""
    home = OutletHomePage.objects.filter(outlet=outlet).first() or create_home(outlet)
    ensure_tag_index(home)
    for ensure_pages in hooks.get_hooks(OUTLET_HOME_HOOK):
        ensure_pages(home)
    ensure_site(home)
    ensure_roles(home)
    ensure_identity(home)
    return home


def ensure_all_outlets():
    remove_stock_welcome_site()
    return {outlet: ensure_outlet(outlet) for outlet in Outlet.values}


def create_home(outlet):
    root = Page.get_first_root_node()
    return root.add_child(instance=OutletHomePage(outlet=outlet, **OUTLET_PAGES[outlet]))


def ensure_tag_index(home):
    if not TagIndexPage.objects.child_of(home).exists():
        home.add_child(instance=TagIndexPage(title="Thẻ", slug="tags"))


def ensure_site(home):
    """Point the outlet's Site at the host name from settings (the environment in production)."""
    is_newspaper = home.outlet == Outlet.NEWSPAPER
    if is_newspaper:
        Site.objects.exclude(root_page=home).update(is_default_site=False)
    Site.objects.update_or_create(
        root_page=home,
        defaults={
            "hostname": settings.OUTLET_HOSTS[home.outlet],
            "port": settings.OUTLET_PORT,
            "site_name": home.get_outlet_display(),
            "is_default_site": is_newspaper,
        },
    )


def remove_stock_welcome_site():
    """A fresh Wagtail database holds a 'Welcome to Wagtail' page and site; the outlets replace them."""
    base_page_type = ContentType.objects.get_for_model(Page)
    for site in Site.objects.filter(root_page__content_type=base_page_type, root_page__depth=2):
        welcome = site.root_page
        site.delete()
        if welcome.numchild == 0:
            welcome.delete()


def ensure_roles(home):
    journalists, _ = Group.objects.get_or_create(name=journalists_group_name(home.outlet))
    editors, _ = Group.objects.get_or_create(name=editors_group_name(home.outlet))
    for group, page_permissions, model_permissions in (
        (journalists, JOURNALIST_PAGE_PERMISSIONS, JOURNALIST_MODEL_PERMISSIONS),
        (editors, EDITOR_PAGE_PERMISSIONS, EDITOR_MODEL_PERMISSIONS),
    ):
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            *Permission.objects.filter(content_type__app_label="newsroom", codename__in=model_permissions),
        )
        for permission_type in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=page_permission(permission_type)
            )
        grant_media_permissions(group)
    grant_identity_editing(editors, home)
    ensure_review_workflow(home, editors)


def page_permission(permission_type):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")


def grant_media_permissions(group):
    root_collection = Collection.get_first_root_node()
    for app_label, model in MEDIA_PERMISSIONS.items():
        for action in ("add", "change", "choose"):
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def ensure_review_workflow(home, editors):
    """Everything a journalist submits in this outlet waits for one of its editors."""
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name(home.outlet))
    task = GroupApprovalTask.objects.filter(name=f"Biên tập viên duyệt · {home.get_outlet_display()}").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Biên tập viên duyệt · {home.get_outlet_display()}")
    task.groups.set([editors])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
