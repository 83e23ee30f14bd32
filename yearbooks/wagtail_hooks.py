from wagtail import hooks

from newsroom.scheduler import SCHEDULED_WORK_HOOK

from .making import make_on_tick
from .views import YearbookViewSet

# The books asked for are made on the scheduler's tick, one a tick (yearbooks.making).
hooks.register(SCHEDULED_WORK_HOOK, make_on_tick)


@hooks.register("register_admin_viewset")
def register_yearbook_viewset():
    return YearbookViewSet()
