"""What the organisers do to a contest's judging: close and re-open it, award prizes, publish the results, and
turn a winning entry into a draft article. Each step refuses, with the reason, what the stage does not allow.

The stages: judging open (judges score) → closed (scores frozen, prizes awarded) → results published. Closing
waits for the end of the entry period; re-opening is allowed until prizes are awarded (they rest on the frozen
scores); awards change only before publication, and withdrawing the publication allows it again.
"""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsroom.models import ArticlePage, Author, ColumnPage, OutletHomePage

from .models import ContestPrize, Entry, Judging, Phase, PrizeAward
from .stages import loaded_judging

AUTHOR_ROLE = "Tác giả bài dự thi"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class Refused(Exception):
    """The action is not allowed at this stage; the message says why, in the admin's language."""


def judging_of(contest):
    """The contest's Judging, created (open, unpublished) on first use."""
    judging, _created = Judging.objects.get_or_create(contest=contest)
    return judging


def _locked_judging(contest):
    """The contest's judging row, locked; `contest.judging` becomes this very object, so it never reads stale."""
    judging_of(contest)
    contest.judging = Judging.objects.select_for_update().get(contest=contest)
    return contest.judging


def closing_refusal(contest, now=None):
    """Why judging cannot close now, or None when it can."""
    if contest.phase(now) != Phase.CLOSED:
        return _("Entries are still being received: judging can close only after the entry period.")
    return None


def close_judging(contest, user, now=None):
    """Freeze the scores. Closing twice keeps the first closing."""
    now = now or timezone.now()
    refusal = closing_refusal(contest, now)
    if refusal:
        raise Refused(refusal)
    with transaction.atomic():
        judging = _locked_judging(contest)
        if judging.is_closed:
            return judging
        judging.closed_at, judging.closed_by = now, user
        judging.save(update_fields=["closed_at", "closed_by"])
    return judging


def reopen_judging(contest):
    with transaction.atomic():
        judging = _locked_judging(contest)
        if judging.results_published:
            raise Refused(_("The results are published: judging can no longer be re-opened."))
        if PrizeAward.objects.filter(prize__contest=contest).exists():
            raise Refused(_("Prizes are awarded on the closed scores: remove the awards before re-opening."))
        judging.closed_at = judging.closed_by = None
        judging.save(update_fields=["closed_at", "closed_by"])
    return judging


def _check_awards_may_change(judging):
    if not judging.is_closed:
        raise Refused(_("Prizes are awarded once judging is closed."))
    if judging.results_published:
        raise Refused(_("The results are published: withdraw the publication to change the awards."))


def award_prize(prize, entry, user):
    """Give `prize` to `entry`; the prize's row is locked so that two organisers cannot exceed its number."""
    if entry.contest_id != prize.contest_id:
        raise Refused(_("This entry was sent to another contest."))
    if entry.status != Entry.Status.ACCEPTED:
        raise Refused(_("Only entries accepted for judging can win a prize."))
    try:
        with transaction.atomic():
            _check_awards_may_change(_locked_judging(prize.contest))
            prize = ContestPrize.objects.select_for_update().get(pk=prize.pk)
            given = prize.awards.count()
            if given >= prize.count:
                raise Refused(
                    _("“%(prize)s” has already been awarded %(count)s times, as many as there are.")
                    % {"prize": prize.name, "count": given}
                )
            return PrizeAward.objects.create(prize=prize, entry=entry, awarded_by=user)
    except IntegrityError:
        raise Refused(_("This entry already has a prize.")) from None


def remove_award(award):
    with transaction.atomic():
        _check_awards_may_change(_locked_judging(award.prize.contest))
        award.delete()


def publish_results(contest, user):
    """Publish once: judging closed and at least one prize awarded. Publishing again changes nothing."""
    with transaction.atomic():
        judging = _locked_judging(contest)
        if judging.results_published:
            return judging
        refusals = publication_refusals(contest)
        if refusals:
            raise Refused(refusals[0])
        judging.results_published_at, judging.results_published_by = timezone.now(), user
        judging.save(update_fields=["results_published_at", "results_published_by"])
    return judging


def publication_refusals(contest):
    """Every reason publishing the results would be refused now, in the order to deal with them; empty when it
    would not. Reads the judging row loaded with the contest (select_related) when there is one."""
    judging = loaded_judging(contest)
    refusals = []
    if judging is None or not judging.is_closed:
        refusals.append(_("Close judging before publishing the results."))
    if not PrizeAward.objects.filter(prize__contest=contest).exists():
        refusals.append(_("Award at least one prize before publishing the results."))
    return refusals


def withdraw_results(contest):
    with transaction.atomic():
        judging = _locked_judging(contest)
        judging.results_published_at = judging.results_published_by = None
        judging.save(update_fields=["results_published_at", "results_published_by"])
    return judging


# Articles from winning entries ----------------------------------------------------------------------------


def columns_for_articles(user):
    """The columns `user` may add an article to, labelled with their outlet: [(column, label)]."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    columns = ColumnPage.objects.filter(pk__in=pages.values("pk")).order_by("path")
    outlets = {home.path: home.title for home in OutletHomePage.objects.all()}
    return [
        (column, f"{outlets.get(column.path[: -Page.steplen], '')} · {column.title}") for column in columns
    ]


def article_from_award(award, column, user):
    """The draft article made from the award's entry: made once, in `column`; later calls return the same draft."""
    entry = award.entry
    if not entry.consented_to_publication:
        raise Refused(
            _("The entrant did not consent to publication: no article can be made from this entry.")
        )
    with transaction.atomic():
        # No join here: after waiting for the lock, PostgreSQL re-reads the award but not a joined article
        # committed meanwhile, which would look missing.
        award = PrizeAward.objects.select_for_update().get(pk=award.pk)
        if award.article_id is not None:
            return ArticlePage.objects.get(pk=award.article_id), False
        if not column.permissions_for_user(user).can_add_subpage():
            raise Refused(_("You may not add articles to this column."))
        article = ArticlePage(
            title=entry.title,
            standfirst=_standfirst(award),
            body=[("paragraph", html) for html in paragraphs_html(entry.text)],
            owner=user,
            live=False,
        )
        article.authors = [_author_named(entry.credited_name)]
        column.add_child(instance=article)
        article.save_revision(user=user)
        log(instance=article, action="wagtail.create", user=user)
        award.article = article
        award.save(update_fields=["article"])
    return article, True


def paragraphs_html(text):
    """The entry's text as escaped paragraphs: blank lines separate paragraphs, single line breaks stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [block.strip() for block in PARAGRAPH_BREAK.split(text) if block.strip()]
    return ["<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>" for block in blocks]


def _standfirst(award):
    entry, contest = award.entry, award.prize.contest
    category = f" thể loại {entry.category.name}" if entry.category_id else ""
    return f"Bài dự thi đoạt {award.prize.name}{category}, {contest.title}."


def _author_named(name):
    """The byline: an existing author of that name, as the archive importer matches them, or a new one."""
    author = Author.objects.filter(name__iexact=name).first()
    return author or Author.objects.create(name=name, role=AUTHOR_ROLE)
