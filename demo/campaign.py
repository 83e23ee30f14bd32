"""The demo's special anniversary column (data/campaign.json): the newspaper's column for the 50th anniversary
of Buôn Ma Thuột's victory, as it stands after its window (February–March 2025): an archive of the features
tagged for it, with its introduction, a section and the features its editors chose. It went live at 00:00 on
its first day, as the scheduler puts every special column live."""

import datetime

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import ArticlePage, CampaignPage, HistoricEvent, Tag

from .data import read_json
from .dating import add_published_child


def load_campaign(homes):
    data = read_json("campaign.json")
    home = homes[data["outlet"]]
    if CampaignPage.objects.child_of(home).filter(title=data["title"]).exists():
        return
    first_day = datetime.date.fromisoformat(data["window_start"])
    featured = data["featured"]
    articles = ArticlePage.objects.in_bulk(featured["articles"], field_name="external_id")
    campaign = CampaignPage(
        title=data["title"],
        event=HistoricEvent.objects.get(name=data["event"]),
        anniversary_year=data["anniversary_year"],
        window_start=first_day,
        window_end=datetime.date.fromisoformat(data["window_end"]),
        introduction=f"<p>{data['introduction']}</p>",
        sections=[
            ("section", {"heading": data["section"]["heading"], "body": f"<p>{data['section']['body']}</p>"}),
            (
                "featured_articles",
                {"heading": featured["heading"], "articles": [articles[key] for key in featured["articles"]]},
            ),
        ],
        tag=Tag.objects.get(name=data["tag"]),
    )
    went_live = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=LOCAL_TIME_ZONE)
    add_published_child(home, campaign, went_live)
