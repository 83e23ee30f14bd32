"""`manage.py setup`: what a production site needs, made on an empty database and kept on an existing one.

The outlets come first (newsroom.outlets: home pages, Sites from the host names, the editorial roles and the
review workflows), then the steps other apps give through SETUP_STEPS_HOOK, so the newsroom needs to know none
of them. Setup runs again after deploys: every step creates what is missing and leaves what exists.
"""

from wagtail import hooks

from .models import Language
from .outlets import ensure_all_outlets

# Each function takes the outlets' home pages ({outlet key: home page}) and returns a line saying what is
# ready. Steps run in hook order: roles, pages and columns at the default order, then at INDEXES_ORDER what
# indexes them, so it finds everything the steps before it made.
SETUP_STEPS_HOOK = "newsroom_setup_steps"
INDEXES_ORDER = 100


def set_up():
    """Run every step in order, yielding what each one reports."""
    homes = ensure_all_outlets()
    for outlet, home in homes.items():
        site = home.get_site()
        yield f"{home.get_outlet_display()}: {site.root_url if site else '-'} ({outlet})"
    Language.ensure_standard()
    yield "Ngôn ngữ: " + ", ".join(map(str, Language.objects.in_vietnamese_order()))
    for step in hooks.get_hooks(SETUP_STEPS_HOOK):
        yield step(homes)
