"""Search plugs into the newsroom through its hooks: a search page on every outlet and its form in the outlet's
header, the index queue drained on each scheduler tick, and OpenSearch's index made by `manage.py setup`, after
every other step."""

from wagtail import hooks

from newsroom.models.sections import HEADER_SECTIONS_HOOK
from newsroom.outlets import OUTLET_HOME_HOOK
from newsroom.scheduler import SCHEDULED_WORK_HOOK
from newsroom.setup import INDEXES_ORDER, SETUP_STEPS_HOOK

from .header import search_form_section
from .indexing import drain_queue
from .setup import ensure_index, ensure_search_page

hooks.register(OUTLET_HOME_HOOK, ensure_search_page)
hooks.register(HEADER_SECTIONS_HOOK, search_form_section)
hooks.register(SCHEDULED_WORK_HOOK, drain_queue)
hooks.register(SETUP_STEPS_HOOK, ensure_index, order=INDEXES_ORDER)
