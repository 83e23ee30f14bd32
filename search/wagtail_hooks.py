"""Search plugs into the newsroom through its hooks: a search page on every outlet and its form in the outlet's
header, what time alone makes searchable (an episode whose broadcast time has come) indexed and the index queue
drained on each scheduler tick, the editors' abbreviations and synonyms in the admin
(kept by the outlets' editors, given their permissions by `manage.py setup`), and OpenSearch's index made by
`manage.py setup`, after every other step."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsroom.models.sections import HEADER_SECTIONS_HOOK
from newsroom.outlets import OUTLET_HOME_HOOK
from newsroom.scheduler import SCHEDULED_WORK_HOOK
from newsroom.setup import INDEXES_ORDER, SETUP_STEPS_HOOK

from .header import search_form_section
from .indexing import drain_queue, index_released
from .models import SynonymGroup
from .setup import ensure_index, ensure_search_page, grant_synonym_editing

hooks.register(OUTLET_HOME_HOOK, ensure_search_page)
hooks.register(HEADER_SECTIONS_HOOK, search_form_section)
# The released objects first: the same tick sends them to OpenSearch.
hooks.register(SCHEDULED_WORK_HOOK, index_released)
hooks.register(SCHEDULED_WORK_HOOK, drain_queue)
hooks.register(SETUP_STEPS_HOOK, grant_synonym_editing)
hooks.register(SETUP_STEPS_HOOK, ensure_index, order=INDEXES_ORDER)


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Abbreviations and synonyms")
    menu_order = 320
    add_to_admin_menu = True
    # The forms are shown as text (the listing escapes them), never as markup.
    list_display = [
        "__str__",
        "note",
        DateColumn("updated_at", label=_("Last updated"), sort_key="updated_at"),
    ]
    search_fields = ["forms", "note"]


register_snippet(SynonymGroupViewSet)
