"""The demo's exemplar registry: emulation clusters and units (data/clusters.csv, data/units.csv), movements
(data/movements.json) and profiles (data/exemplars.json), linked to the demo archive's features, and shown in
the registry columns of every outlet."""

import datetime

from exemplars.models import (
    AchievementField,
    ArticleExemplarLink,
    ArticleMovementLink,
    Award,
    ColumnRegistry,
    EmulationCluster,
    ExemplarIndexPage,
    ExemplarPage,
    Locality,
    MovementIndexPage,
    MovementPage,
    Unit,
)
from exemplars.setup import ensure_all_unit_columns, ensure_shared_indexes
from newsroom.models import ArticlePage, ColumnPage

from .data import read_csv, read_json
from .dating import add_published_child, data_moment, publish_as_of
from .pages import registry_column_slugs


def load_registry(homes):
    """Units, movements and profiles on the shared indexes of `homes`, linked to matching demo articles."""
    indexes = ensure_shared_indexes(homes)
    ensure_units()
    movements = [ensure_movement(indexes[MovementIndexPage], spec) for spec in read_json("movements.json")]
    for spec in read_json("exemplars.json")["profiles"]:
        ensure_exemplar(indexes[ExemplarIndexPage], movements, spec)
    show_registry_in_columns(homes)


def ensure_units():
    """The clusters and units, each unit with the column and officers' group `setup` gives every unit.

    Units stand in communes and wards of today: the localities of the map of 1 July 2025 (exemplars migration
    0006), which know the districts they were part of.
    """
    for row in read_csv("clusters.csv"):
        EmulationCluster.objects.get_or_create(name=row["name"], defaults={"kind": row["kind"]})
    for row in read_csv("units.csv"):
        Unit.objects.get_or_create(
            name=row["name"],
            defaults={
                "kind": row["kind"],
                "locality": Locality.objects.present().get(name=row["locality"]),
                "cluster": EmulationCluster.objects.get(name=row["cluster"]),
            },
        )
    ensure_all_unit_columns()


def unit_named(name):
    """The unit the demo's data calls `name`: the unit of that name, or the one that took over on 1 July 2025
    from a unit of that name (units.csv's `formerly`: a district's or merged ward's People's Committee)."""
    successors = {row["formerly"]: row["name"] for row in read_csv("units.csv") if row["formerly"]}
    return Unit.objects.get(name=successors.get(name, name))


def ensure_movement(index, spec):
    movement = MovementPage.objects.child_of(index).filter(title=spec["title"]).first()
    if movement is None:
        launching_unit = spec.get("launching_unit")
        movement = MovementPage(
            title=spec["title"],
            launch_level=spec["launch_level"],
            launched_by=spec.get("launched_by", ""),
            launching_unit=Unit.objects.get(name=launching_unit) if launching_unit else None,
            start_date=datetime.date.fromisoformat(spec["start_date"]),
            end_date=datetime.date.fromisoformat(spec["end_date"]) if spec["end_date"] else None,
            goals=f"<p>{spec['goals']}</p>",
        )
        add_published_child(index, movement, data_moment(spec["published_at"]))
    for title in spec["articles"]:
        link_articles(title, ArticleMovementLink, "movement_links", movement=movement)
    return movement


def ensure_exemplar(index, movements, spec):
    exemplar = ExemplarPage.objects.child_of(index).filter(title=spec["title"]).first()
    if exemplar is None:
        exemplar = ExemplarPage(
            title=spec["title"],
            subject_kind=spec["subject_kind"],
            position=spec["position"],
            unit=unit_named(spec["unit"]),
            summary=spec["summary"],
            year=spec["year"],
            achievements=[("paragraph", html) for html in spec["achievements"]],
            is_new_factor=spec.get("is_new_factor", False),
            is_sudden_deed=spec.get("is_sudden_deed", False),
        )
        exemplar.achievement_fields = AchievementField.objects.filter(code__in=spec["achievement_fields"])
        exemplar.movements = [
            movement for movement in movements if movement.title.startswith(tuple(spec["movements"]))
        ]
        exemplar.awards = [
            Award(**{**award, "date": datetime.date.fromisoformat(award["date"])}) for award in spec["awards"]
        ]
        add_published_child(index, exemplar, data_moment(spec["published_at"]))
    link_articles(spec["article"], ArticleExemplarLink, "exemplar_links", exemplar=exemplar)


def link_articles(title_start, link_class, relation, **target):
    """Link the live original articles whose title starts with `title_start`, publishing the link with them as
    of their last publication: linking them is the demo's bookkeeping, not news."""
    articles = ArticlePage.objects.live().filter(title__startswith=title_start, alias_of__isnull=True)
    for article in articles:
        links = getattr(article, relation)
        if not any(
            getattr(link, f"{name}_id") == page.pk for link in links.all() for name, page in target.items()
        ):
            links.add(link_class(**target))
            publish_as_of(article, article.last_published_at)


def show_registry_in_columns(homes):
    """Each outlet's registry columns show the registry, through the outlet's own alias of it."""
    column_slugs = registry_column_slugs()
    for home in homes.values():
        registry = ExemplarIndexPage.objects.child_of(home).first()
        for column in ColumnPage.objects.child_of(home).filter(slug__in=column_slugs):
            if registry is None or column.registry_links.exists():
                continue
            column.registry_links.add(ColumnRegistry(registry=registry))
            column.save_revision().publish()
