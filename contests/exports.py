"""Spreadsheet exports of what the public, the judges and the organisers typed: a cell must never run as a
formula when opened (core.spreadsheets), and the file leaves as a private download."""

import datetime

from django.utils.translation import gettext as _

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.dates import LOCAL_TIME_ZONE
from core.spreadsheets import FormulaSafeSpreadsheetMixin

from .models import PrizeAward
from .scoring import for_display, judge_name

CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


def local_time(value):
    return value.astimezone(LOCAL_TIME_ZONE).replace(tzinfo=None)


class SafeSpreadsheetMixin(FormulaSafeSpreadsheetMixin):
    """Formula-safe, with times in the province's clock."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {XLSX: local_time, CSV: lambda value: local_time(value).isoformat(sep=" ")},
    }


class ContestSpreadsheet(SafeSpreadsheetMixin):
    """A spreadsheet of one contest's judging, built from its ContestScores.

    A subclass names the file (`name`), lists `columns()` as (field, heading) pairs and yields `rows()` as dicts.
    """

    name = ""

    def __init__(self, scores):
        self.scores = scores
        self.export_headings = dict(self.columns())
        self.list_export = list(self.export_headings)

    def to_row_dict(self, item):
        # XLSX cells follow the row's order, so the row takes the columns' order.
        return {field: item.get(field) for field in self.list_export}

    def get_filename(self):
        return f"{self.name}-{self.scores.contest.slug}"

    def as_spreadsheet(self, spreadsheet_format):
        # The rows are made now, in the admin user's language: a streamed response would write them later,
        # after the view has given the language back (a contest's rows are a few thousand at most).
        return super().as_spreadsheet(list(self.rows()), spreadsheet_format)

    def ranked_tallies(self):
        for ranking in self.scores.rankings:
            category = ranking.category.name if ranking.category else ""
            for tally in ranking.tallies:
                yield category, tally

    def standing(self, tally):
        """The entry's columns shared by both spreadsheets; scores rounded as they are shown."""
        return {
            "mean": for_display(tally.mean),
            "median": for_display(tally.median),
            "complete_sheets": tally.complete_sheets,
            "rank": tally.rank,
            "tied": _("yes") if tally.tied else "",
        }


class ScoresExport(ContestSpreadsheet):
    """One row per entry and counted sheet (one empty row for an entry nobody scored yet)."""

    name = "diem-cham"

    def columns(self):
        criteria = [
            column
            for criterion in self.scores.criteria
            for column in (
                (f"score_{criterion.pk}", f"{criterion.name} ({criterion.weight}%)"),
                (f"comment_{criterion.pk}", _("Comment: %(criterion)s") % {"criterion": criterion.name}),
            )
        ]
        return [
            ("category", _("Category")),
            ("entry", _("Entry")),
            ("title", _("Title")),
            ("judge", _("Judge")),
            ("updated_at", _("Last scored at")),
            *criteria,
            ("total", _("Sheet total (0–10)")),
            ("mean", _("Entry mean")),
            ("median", _("Entry median")),
            ("complete_sheets", _("Complete sheets")),
            ("rank", _("Rank in category")),
            ("tied", _("Tied")),
        ]

    def rows(self):
        for category, tally in self.ranked_tallies():
            entry_columns = {
                "category": category,
                "entry": tally.entry.anonymous_label,
                "title": tally.entry.title,
                **self.standing(tally),
            }
            sheets = self.scores.sheets_of(tally.entry)
            if not sheets:
                yield entry_columns
            for sheet in sheets:
                yield {**entry_columns, **self.sheet_columns(sheet)}

    def sheet_columns(self, sheet):
        columns = {
            "judge": judge_name(sheet.judge),
            "updated_at": sheet.updated_at,
            "total": for_display(sheet.total) if sheet.total is not None else _("incomplete"),
        }
        for criterion in self.scores.criteria:
            score = sheet.scores.get(criterion.pk)
            columns[f"score_{criterion.pk}"] = score.score if score else None
            columns[f"comment_{criterion.pk}"] = score.comment if score else ""
        return columns


class RankingExport(ContestSpreadsheet):
    """One row per accepted entry, ranked within its category, with the prize it won. No entrant's name: the
    entries export joins on the number when the organisers need it."""

    name = "xep-hang"

    def columns(self):
        return [
            ("category", _("Category")),
            ("rank", _("Rank in category")),
            ("tied", _("Tied")),
            ("entry", _("Entry")),
            ("title", _("Title")),
            ("mean", _("Mean (0–10)")),
            ("median", _("Median")),
            ("complete_sheets", _("Complete sheets")),
            ("incomplete_sheets", _("Incomplete sheets")),
            ("needs_check", _("Judges disagree")),
            ("prize", _("Prize")),
        ]

    def rows(self):
        prizes = dict(
            PrizeAward.objects.filter(prize__contest=self.scores.contest).values_list(
                "entry_id", "prize__name"
            )
        )
        for category, tally in self.ranked_tallies():
            yield {
                "category": category,
                "entry": tally.entry.anonymous_label,
                "title": tally.entry.title,
                "incomplete_sheets": tally.incomplete_sheets,
                "needs_check": _("yes") if tally.needs_check else "",
                "prize": prizes.get(tally.entry.pk, ""),
                **self.standing(tally),
            }
