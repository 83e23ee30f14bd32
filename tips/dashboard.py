"""The editors' dashboard panel: the tips waiting for a decision in their outlets, oldest first, as a tip is
news that goes stale."""

from core.role_panels import RolePanel

from . import access

PANEL_LIMIT = 5


class WaitingTipsPanel(RolePanel):
    name = "waiting_tips"
    template_name = "tips/admin/waiting_tips_panel.html"
    order = 110

    def context_for(self, user):
        if not access.moderates_tips(user):
            return None
        waiting = access.moderated_tips(user).waiting().order_by("received_at", "pk")
        count = waiting.count()
        if not count:
            return None
        return {"tips": waiting[:PANEL_LIMIT], "count": count}
