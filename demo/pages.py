"""The demo's pages on the three outlets: the columns the plan names (data/columns.json), an about page each
(data/about_pages.json), the plan's historic events, and an archive of articles in those columns."""

from core.vietnamese import slugify
from newsroom.models import ColumnPage, Outlet, PlainPage
from newsroom.models.calendar import ensure_plan_events

from .data import ARCHIVE, read_json, read_jsonl
from .importing import import_new_articles


def load_pages(homes):
    """Columns and about pages under `homes` ({outlet: home page}), the events, the archive; what exists stays."""
    columns = read_json("columns.json")
    about_pages = read_json("about_pages.json")
    for outlet, home in homes.items():
        for spec in columns:
            if outlet in spec.get("outlets", Outlet.values):
                ensure_column(home, spec["title"], spec["intro"], in_menu=spec["in_menu"])
        ensure_about_page(home, about_pages[outlet])
    ensure_plan_events()
    import_new_articles(ARCHIVE, read_jsonl(ARCHIVE))


def registry_column_slugs():
    """The columns that show the exemplar registry above their features."""
    return [slugify(spec["title"]) for spec in read_json("columns.json") if spec.get("shows_registry")]


def ensure_column(home, title, intro, in_menu):
    slug = slugify(title)
    if not ColumnPage.objects.child_of(home).filter(slug=slug).exists():
        home.add_child(
            instance=ColumnPage(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=in_menu)
        )


def ensure_about_page(home, text):
    if not PlainPage.objects.child_of(home).filter(slug="gioi-thieu").exists():
        page = PlainPage(title="Giới thiệu", slug="gioi-thieu", body=[("paragraph", f"<p>{text}</p>")])
        home.add_child(instance=page)
