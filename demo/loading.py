"""`load_demo`: the site `setup` makes, then the demo's content on it, then (in DEBUG) one login per role.
Every step adds what is missing and keeps what exists, so loading the demo again keeps its data. How the demo
is dated: demo.dating."""

from django.core.management import call_command

from core.dates import local_today
from newsroom.models import Outlet, OutletHomePage
from posters.share_cards import make_due_share_cards

from .assignments import load_assignments
from .campaign import load_campaign
from .contest import load_contest, seat_the_panel
from .data import DATA_DIR
from .front_pages import compose_front_pages
from .nominations import ensure_round, load_nominations
from .pages import load_pages
from .past_contest import score_past_contest
from .picture_uses import show_pictures
from .pictures import ensure_pictures
from .programmes import load_programmes
from .quiz import load_quiz
from .recent import load_recent_stories
from .registry import load_registry
from .tips import load_tips
from .users import load_logins
from .yearbook import load_yearbook


def load_demo(stdout, with_users=True):
    call_command("setup", stdout=stdout)
    # The editors' own search synonyms, as a fixture: the demo imports no app above the newsroom (search).
    call_command("loaddata", DATA_DIR / "synonyms.json", stdout=stdout)
    homes = {home.outlet: home for home in OutletHomePage.objects.all()}
    load_pages(homes)
    load_recent_stories(local_today())
    load_campaign(homes)
    load_registry(homes)
    load_contest(homes[Outlet.NEWSPAPER])
    pictures = ensure_pictures()
    show_pictures(pictures)
    load_quiz(homes[Outlet.NEWSPAPER], pictures, local_today())
    load_programmes(homes[Outlet.BROADCAST], pictures, local_today())
    load_tips(homes, local_today())
    compose_front_pages(homes)
    # What the scheduler's tick would do within half a minute of `make run`: the published pages' share cards.
    make_due_share_cards(limit=None)
    nomination_round = ensure_round()
    if with_users:
        logins = load_logins(stdout)
        load_nominations(nomination_round, logins)
        load_assignments(logins, local_today())
        seat_the_panel()
        score_past_contest()
    # Last: the book gathers the registry's profiles with their pictures, as the demo leaves them.
    load_yearbook()
