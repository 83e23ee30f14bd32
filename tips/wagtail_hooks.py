from wagtail import hooks

from newsroom.setup import SETUP_STEPS_HOOK

from .admin_views import SuggestionsViewSet, TipQueueViewSet
from .dashboard import WaitingTipsPanel
from .guards import refuse_deleting_tip_forms_with_tips, refuse_deleting_units_with_tips
from .models import TIP_ROUTES_HOOK
from .setup import set_up_tip_pages
from .views import tip_routes

hooks.register(SETUP_STEPS_HOOK, set_up_tip_pages)

# The public side of a tip page: the form and the status look-up (tips/views.py).
hooks.register(TIP_ROUTES_HOOK, tip_routes)


@hooks.register("register_admin_viewset")
def register_tip_viewsets():
    return [TipQueueViewSet(), SuggestionsViewSet()]


@hooks.register("construct_homepage_panels")
def add_waiting_tips_panel(request, panels):
    panels.append(WaitingTipsPanel())


# A form that received tips, and a unit tips were passed to, stay (tips/guards.py).
hooks.register("before_delete_page", refuse_deleting_tip_forms_with_tips)
hooks.register("before_delete_snippet", refuse_deleting_units_with_tips)
