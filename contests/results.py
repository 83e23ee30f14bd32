"""The published results of a contest: per category, the prizes in their order with the winners' entries.

Only what the entrants agreed to make public leaves here: the entry's title and the name they chose to be
credited with. No contact details, and no scores: the ranking is the organisers' working material.
"""

from collections import defaultdict
from dataclasses import dataclass

from core.vietnamese import sort_key

from .models import Entry, PrizeAward


@dataclass
class Winner:
    title: str
    credited_name: str


@dataclass
class PrizeWinners:
    prize_name: str
    winners: list


@dataclass
class CategoryResults:
    name: str
    prizes: list


UNCATEGORISED = "Các bài đoạt giải khác"


def category_results(contest):
    """[CategoryResults] in the contest's order of categories, each with its prizes in the prizes' order."""
    awards = (
        PrizeAward.objects.filter(prize__contest=contest, entry__status=Entry.Status.ACCEPTED)
        .select_related("prize", "entry")
        .order_by("prize__sort_order", "prize__pk")
    )
    by_category = defaultdict(lambda: defaultdict(list))
    for award in awards:
        by_category[award.entry.category_id][award.prize].append(award.entry)
    sections = [(category.pk, category.name) for category in contest.categories.all()]
    if None in by_category:
        sections.append((None, UNCATEGORISED))
    return [
        CategoryResults(name, [_prize_winners(prize, entries) for prize, entries in by_category[pk].items()])
        for pk, name in sections
        if pk in by_category
    ]


def _prize_winners(prize, entries):
    # Winners of one prize in Vietnamese alphabetical order of their names: no order of merit is published.
    entries = sorted(entries, key=lambda entry: (sort_key(entry.credited_name), entry.number))
    return PrizeWinners(prize.name, [Winner(entry.title, entry.credited_name) for entry in entries])


def results_text(contest):
    """The published results as plain text for the search index; empty while unpublished."""
    if not contest.results_are_published():
        return ""
    lines = [f"Kết quả {contest.title}"]
    for category in category_results(contest):
        lines.append(category.name)
        for prize in category.prizes:
            lines.extend(
                f"{prize.prize_name}: {winner.title} – {winner.credited_name}" for winner in prize.winners
            )
    return "\n".join(lines)
