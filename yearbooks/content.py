"""What a yearbook says: its selection of live, public profiles in Vietnamese alphabetical order, the contents by
field and by unit, and each profile's public fields, never its nomination's (the unit's contact person, phone, ID
number and address stay in the nomination, which nothing here reads).

The selection is read twice: once lightly (names, units, fields) for the order and the contents, then a few
profiles at a time, with their photo, for their pages, so that a book of hundreds holds only a few in memory.
"""

import html
import re
from collections import defaultdict

from django.db.models import Prefetch
from django.utils.html import strip_tags

from wagtail.models import Site

from core.dates import short_date
from exemplars.models import AchievementField, ExemplarPage, MovementPage, Unit
from newsroom.models import OutletHomePage
from posters.content import accent_colour, masthead
from posters.content import vietnamese as clean

from .rendering import Cover, Group, Profile, Section

# A modest portrait, 4:5 like the page's frame (about 300 dpi at 5 × 6 cm): a few tens of kilobytes each.
PHOTO_FILTER = "fill-600x750-c75|format-jpeg|jpegquality-80"
CHUNK = 20
BY_FIELD = "Theo lĩnh vực thành tích"
BY_UNIT = "Theo đơn vị"
NO_FIELD = "Chưa ghi lĩnh vực"
NO_UNIT = "Chưa ghi đơn vị"
BLOCK_END = re.compile(r"<(br\s*/?|/p|/li|/h\d)>", re.I)


def selected_profiles(movement=None, achievement_field=None, year=None, profiles=None):
    """The live, public profiles (never an alias) matching every criterion given, in Vietnamese alphabetical
    order; `profiles`, if given, the only ones that may be taken (pages or a queryset of them)."""
    selected = ExemplarPage.objects.in_registry()
    if movement is not None:
        selected = selected.filter(movements=movement)
    if achievement_field is not None:
        selected = selected.filter(achievement_fields=achievement_field)
    if year is not None:
        selected = selected.filter(year=year)
    if profiles is not None:
        selected = selected.filter(pk__in=profiles)
    return selected


def yearbook_profiles(yearbook):
    chosen = yearbook.profiles.all()
    return selected_profiles(
        yearbook.movement, yearbook.achievement_field, yearbook.year, chosen if chosen.exists() else None
    )


def book_order(selection):
    """[(pk, name, unit_id)] in the book's order."""
    return [
        (pk, clean(title), unit_id) for pk, title, unit_id in selection.values_list("pk", "title", "unit_id")
    ]


def contents(order, selection):
    """The two sections of contents: by field (the plan's order of fields) and by unit (alphabetical)."""
    index_of = {pk: index for index, (pk, _name, _unit) in enumerate(order)}
    names = [name for _pk, name, _unit in order]
    fields_of = defaultdict(list)
    through = ExemplarPage.achievement_fields.through
    for page_id, field_id in through.objects.filter(exemplarpage__in=selection.values("pk")).values_list(
        "exemplarpage_id", "achievementfield_id"
    ):
        fields_of[field_id].append(index_of[page_id])
    by_field = [
        grouped(field.name, fields_of[field.pk], names)
        for field in AchievementField.objects.filter(pk__in=fields_of)
    ]
    with_field = {index for indexes in fields_of.values() for index in indexes}
    by_field += grouped_if_any(NO_FIELD, [i for i in range(len(order)) if i not in with_field], names)
    units_of = defaultdict(list)
    for index, (_pk, _name, unit_id) in enumerate(order):
        units_of[unit_id].append(index)
    by_unit = [
        grouped(unit.name, units_of[unit.pk], names)
        for unit in Unit.objects.filter(pk__in=[pk for pk in units_of if pk]).order_by("sort_name", "pk")
    ]
    by_unit += grouped_if_any(NO_UNIT, units_of.get(None, []), names)
    return [Section(BY_FIELD, by_field), Section(BY_UNIT, by_unit)]


def grouped(heading, indexes, names):
    return Group(clean(heading), [(names[index], index) for index in sorted(indexes)])


def grouped_if_any(heading, indexes, names):
    return [grouped(heading, indexes, names)] if indexes else []


def profile_pages(order):
    """Each profile's page content, in the book's order, read CHUNK profiles at a time."""
    for start in range(0, len(order), CHUNK):
        pks = [pk for pk, _name, _unit in order[start : start + CHUNK]]
        pages = ExemplarPage.objects.filter(pk__in=pks).select_related("unit", "lead_image")
        pages = pages.prefetch_related(
            "awards",
            "achievement_fields",
            Prefetch("movements", queryset=MovementPage.objects.live().public().order_by("sort_name", "pk")),
        )
        by_pk = {page.pk: page for page in pages}
        for pk in pks:
            yield profile_content(by_pk[pk])


def profile_content(page):
    """A profile's page: the public fields of the live profile."""
    return Profile(
        name=clean(page.title),
        subject_kind=page.subject_kind_name,
        position_and_unit=clean(
            ", ".join(part for part in (page.position, page.unit and page.unit.name) if part)
        ),
        year=page.year,
        fields=clean(", ".join(field.name for field in page.achievement_fields.all())),
        movements=clean("; ".join(movement.title for movement in page.movements.all())),
        achievements=achievement_paragraphs(page),
        awards=tuple(award_line(award) for award in page.awards.all()),
        photo=photo(page.lead_image),
    )


def achievement_paragraphs(page):
    """The text of the profile's paragraphs of achievements, else its summary."""
    paragraphs = []
    for block in page.achievements:
        if block.block_type == "paragraph":
            text = html.unescape(strip_tags(BLOCK_END.sub("\n", block.value.source)))
            paragraphs += [clean(line) for line in text.split("\n") if line.strip()]
    return tuple(paragraphs) or ((clean(page.summary),) if page.summary.strip() else ())


def award_line(award):
    """ "Chiến sĩ thi đua cấp tỉnh (Quyết định 125/QĐ-UBND ngày 2/4/2025, UBND tỉnh)": what the profile shows."""
    decision = " ".join(
        part
        for part in (
            f"Quyết định {award.decision_number}" if award.decision_number else "",
            f"ngày {short_date(award.date)}" if award.date else "",
        )
        if part
    )
    details = ", ".join(part for part in (decision, award.issuing_authority) if part)
    return clean(f"{award.title} ({details})" if details else award.title)


def photo(image):
    """The lead image cropped to the page's frame, as JPEG bytes; None without an image or its file."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(PHOTO_FILTER)
        with rendition.file.open("rb") as file:
            return file.read()
    # Wagtail's SourceImageIOError, where the original file is gone, is an OSError.
    except OSError:
        return None


def outlet_site(outlet):
    home = OutletHomePage.objects.filter(outlet=outlet).first()
    return Site.objects.filter(root_page=home).first() if home else None


def cover(yearbook, count, today):
    site = outlet_site(yearbook.outlet)
    return Cover(
        title=clean(yearbook.title),
        masthead=clean(masthead(site) or yearbook.get_outlet_display()),
        accent=accent_colour(site),
        year=yearbook.year or today.year,
        lines=tuple(selection_lines(yearbook, count)),
    )


def selection_lines(yearbook, count):
    if yearbook.movement:
        yield clean(yearbook.movement.title)
    if yearbook.achievement_field:
        yield f"Lĩnh vực: {clean(yearbook.achievement_field.name)}"
    yield f"{count} gương điển hình tiên tiến"
