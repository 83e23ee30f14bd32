"""The Department's follow-up of the units (theo dõi, đôn đốc): what each unit, emulation cluster or block,
movement and field of achievement has filed, had approved, published and been featured for, and how the units
keep their columns on the portal.

Every figure is counted by the database: one correlated subquery per figure, all in the one query that reads the
rows, so the report costs the same few queries for 3 units or 300. Each figure counts what happened in the
period asked (all time when none is), and only what came of the round asked (every round when none is):

- filed: nominations past draft (submitted, under appraisal, returned, proposed, referred, approved or declined),
  dated by their first submission;
- approved: nominations approved, dated by their decision;
- profiles: live original profiles (an outlet's alias is the same profile), dated by their first publication;
  with a round, only the profiles made from that round's nominations;
- features: live original articles (a republished alias is the same story) about those profiles, dated by the
  publication date readers see, each counted once per row, in the outlet that published it;
- posts: live original articles in the units' portal columns in the last 30 and 90 days up to now, whatever the
  period: they tell whether a unit keeps its column today.

A nomination counts for the movement it names (at most one; many name none). Fields and movements have no
column: those figures are None (not applicable). A row that needs the Department's attention (nothing filed,
nothing posted in 30 days; for a movement, also nothing published) comes first, then the rows in Vietnamese
alphabetical order.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import ArticlePage, OutletHomePage
from newsroom.models.outlets import Outlet

from .models import (
    AchievementField,
    ArticleExemplarLink,
    EmulationCluster,
    ExemplarPage,
    MovementPage,
    Nomination,
    NominationEvent,
    Status,
    Unit,
)
from .sorting import sortable_name

RECENT_POST_DAYS = (30, 90)


@dataclass(frozen=True)
class Scope:
    """What the report counts: a round or every round, a period of local days or all time, as of `now`."""

    round: object = None
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    now: datetime.datetime = field(default_factory=timezone.now)

    def moments(self, lookup):
        """A filter on a date-time field `lookup`: from the first day's local midnight to the end of the last."""
        condition = Q()
        if self.first_day:
            condition &= Q(**{f"{lookup}__gte": local_midnight(self.first_day)})
        if self.last_day:
            condition &= Q(**{f"{lookup}__lt": local_midnight(self.last_day + datetime.timedelta(days=1))})
        return condition

    def days(self, lookup):
        """A filter on a date field `lookup`, both ends included."""
        condition = Q()
        if self.first_day:
            condition &= Q(**{f"{lookup}__gte": self.first_day})
        if self.last_day:
            condition &= Q(**{f"{lookup}__lte": self.last_day})
        return condition


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=LOCAL_TIME_ZONE)


@dataclass(frozen=True)
class Grouping:
    """How a nomination, a profile or a unit reaches a row of the grouping (None: the figure does not apply)."""

    key: str
    label: str
    model: type
    nomination_lookup: str | None
    profile_lookup: str
    unit_lookup: str | None
    # A movement lives by what is published about it: a row with nothing published needs attention.
    expects_publication: bool = False


GROUPINGS = {
    grouping.key: grouping
    for grouping in [
        Grouping("unit", _("Unit"), Unit, "unit", "unit", "pk"),
        Grouping(
            "cluster",
            _("Emulation cluster or block"),
            EmulationCluster,
            "unit__cluster",
            "unit__cluster",
            "cluster",
        ),
        Grouping(
            "movement", _("Movement"), MovementPage, "movement", "movements", None, expects_publication=True
        ),
        Grouping(
            "field",
            _("Field of achievement"),
            AchievementField,
            "achievement_fields",
            "achievement_fields",
            None,
        ),
    ]
}


@dataclass(frozen=True)
class FollowUpRow:
    name: str
    detail: str
    filed: int | None
    approved: int | None
    profiles: int
    features_newspaper: int
    features_broadcast: int
    features_portal: int
    posts_30: int | None
    posts_90: int | None
    sort_name: str
    expects_publication: bool = False

    @property
    def features(self):
        return self.features_newspaper + self.features_broadcast + self.features_portal

    @property
    def reasons(self):
        """Why the row needs the Department's attention, if it does."""
        reasons = []
        if self.filed == 0:
            reasons.append(_("no nomination filed"))
        if self.posts_30 == 0:
            reasons.append(_("no column post in 30 days"))
        if self.expects_publication and not self.profiles and not self.features:
            reasons.append(_("nothing published"))
        return reasons

    @property
    def needs_attention(self):
        return bool(self.reasons)

    @property
    def attention(self):
        return "; ".join(str(reason) for reason in self.reasons)


def follow_up(scope, grouping_key="unit"):
    """[FollowUpRow] of the grouping's rows, those needing attention first, then in Vietnamese order."""
    grouping = GROUPINGS[grouping_key]
    rows = [row_of(item, grouping) for item in annotated(grouping, scope)]
    return sorted(rows, key=lambda row: (not row.needs_attention, row.sort_name))


def annotated(grouping, scope):
    """The grouping's rows with each figure as an annotation, read in one query."""
    figures = {
        "profiles": count(profiles(scope).filter(**{grouping.profile_lookup: OuterRef("pk")})),
        **feature_counts(scope, f"exemplar__{grouping.profile_lookup}"),
    }
    if grouping.nomination_lookup:
        by_row = {grouping.nomination_lookup: OuterRef("pk")}
        figures["filed"] = count(filed_nominations(scope).filter(**by_row))
        figures["approved"] = count(approved_nominations(scope).filter(**by_row))
    if grouping.unit_lookup:
        for days in RECENT_POST_DAYS:
            figures[f"posts_{days}"] = count(column_posts(scope.now, days, grouping.unit_lookup))
    return rows_queryset(grouping).annotate(**figures)


def rows_queryset(grouping):
    if grouping.model is Unit:
        return Unit.objects.select_related("cluster")
    if grouping.model is MovementPage:
        return MovementPage.objects.live().filter(alias_of__isnull=True).select_related("launching_unit")
    return grouping.model.objects.all()


def row_of(item, grouping):
    return FollowUpRow(
        name=str(item),
        detail=detail_of(item),
        filed=getattr(item, "filed", None),
        approved=getattr(item, "approved", None),
        profiles=item.profiles,
        features_newspaper=item.features_newspaper,
        features_broadcast=item.features_broadcast,
        features_portal=item.features_portal,
        posts_30=getattr(item, "posts_30", None),
        posts_90=getattr(item, "posts_90", None),
        sort_name=getattr(item, "sort_name", "") or sortable_name(str(item)),
        expects_publication=grouping.expects_publication,
    )


def detail_of(item):
    """What tells rows apart at a glance: a unit's cluster or block, a cluster's kind, a movement's launcher."""
    if isinstance(item, Unit):
        return str(item.cluster or "")
    if isinstance(item, EmulationCluster):
        return item.get_kind_display()
    if isinstance(item, MovementPage):
        return item.launcher_name
    return ""


def count(queryset, column="pk"):
    """The number of distinct `column` values of `queryset`, as a subquery: COUNT without GROUP BY gives one row."""
    counted = queryset.order_by().annotate(
        counted=Func(F(column), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    )
    return Coalesce(Subquery(counted.values("counted"), output_field=IntegerField()), 0)


def filed_nominations(scope):
    nominations = Nomination.objects.exclude(status=Status.DRAFT)
    if scope.round:
        nominations = nominations.filter(round=scope.round)
    if scope.first_day or scope.last_day:
        first_submission = (
            NominationEvent.objects.filter(nomination=OuterRef("pk"), to_status=Status.SUBMITTED)
            .order_by("at", "pk")
            .values("at")[:1]
        )
        nominations = nominations.annotate(submitted_at=Subquery(first_submission)).filter(
            scope.moments("submitted_at")
        )
    return nominations


def approved_nominations(scope):
    nominations = Nomination.objects.filter(status=Status.APPROVED).filter(scope.days("decision_date"))
    return nominations.filter(round=scope.round) if scope.round else nominations


def profiles(scope):
    published = ExemplarPage.objects.filter(live=True, alias_of__isnull=True).filter(
        scope.moments("first_published_at")
    )
    return published.filter(nomination__round=scope.round) if scope.round else published


def feature_counts(scope, profile_lookup):
    """{features_<outlet>: count} of the live original articles about the row's profiles, per outlet."""
    links = ArticleExemplarLink.objects.filter(
        article__live=True,
        article__alias_of__isnull=True,
        exemplar__live=True,
        exemplar__alias_of__isnull=True,
        **{profile_lookup: OuterRef("pk")},
    ).filter(scope.moments("article__publication_date"))
    if scope.round:
        links = links.filter(exemplar__nomination__round=scope.round)
    homes = dict(OutletHomePage.objects.values_list("outlet", "path"))
    return {
        f"features_{outlet}": count(links.filter(article__path__startswith=homes[outlet]), "article")
        if outlet in homes
        else Value(0, output_field=IntegerField())
        for outlet in Outlet.values
    }


def column_posts(now, days, unit_lookup):
    """The live original articles of the last `days` days in the portal columns of the row's units."""
    columns = Unit.objects.filter(**{unit_lookup: OuterRef(OuterRef("pk"))}).values("column__path")
    return (
        ArticlePage.objects.filter(
            live=True,
            alias_of__isnull=True,
            publication_date__gt=now - datetime.timedelta(days=days),
            publication_date__lte=now,
        )
        .annotate(parent_path=Substr("path", 1, (F("depth") - 1) * Page.steplen))
        .filter(parent_path__in=columns)
    )
