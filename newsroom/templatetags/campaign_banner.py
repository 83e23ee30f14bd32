from django import template

from core.dates import local_today
from newsroom.models import CampaignPage

register = template.Library()


@register.inclusion_tag("newsroom/campaign_banner.html", takes_context=True)
def campaign_banner(context, home):
    """The special anniversary columns running today that `home`'s outlet announces."""
    return {
        "request": context.get("request"),
        "running_campaigns": CampaignPage.objects.running_for(home, local_today()),
    }
