"""The setup step: a tip form on every outlet, as readers expect to find one wherever they read. Idempotent;
an editor may retitle, move or unpublish it, and a form already under a home is left as it is."""

from .models import TipPage

TITLE = "Báo tin người tốt, việc tốt"
SLUG = "bao-tin-nguoi-tot-viec-tot"


def ensure_tip_page(home):
    if not TipPage.objects.descendant_of(home).exists():
        home.add_child(instance=TipPage(title=TITLE, slug=SLUG))


def set_up_tip_pages(homes):
    """The setup step (newsroom.setup)."""
    for home in homes.values():
        ensure_tip_page(home)
    return "Tips from the public: a tip form on every outlet."
