from django import template

from core.dates import local_today
from newsroom.models import CampaignPage
from newsroom.models.base import UNLISTED_PAGE_FIELDS

register = template.Library()


@register.inclusion_tag("newsroom/campaign_banner.html", takes_context=True)
def campaign_banner(context, home):
    """The special anniversary columns running today that `home`'s outlet announces: a title and a date each."""
    return {
        "request": context.get("request"),
        "running_campaigns": CampaignPage.objects.running_for(home, local_today())
        .defer_streamfields()
        .defer(*UNLISTED_PAGE_FIELDS, "introduction"),
    }
