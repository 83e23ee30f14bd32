"""Spreadsheet exports of what people typed, safe to open: no cell runs as a formula, in CSV or XLSX.

A text cell that a spreadsheet could read as a formula (OWASP "CSV injection": a leading =, +, -, @, tab or line
break, also after blanks or in full width) gets a leading apostrophe, which spreadsheets take as "this is text";
the typed value is kept whole behind it. Numbers, dates and booleans are written as they are. XLSX cells also lose
the control characters the format cannot hold, which would otherwise fail the whole export.

`FormulaSafeSpreadsheetMixin` goes before Wagtail's `SpreadsheetExportMixin` (or a view built on it: IndexView,
ReportView) and makes its export a private download (core.downloads).
"""

import datetime
import decimal
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from django.utils.encoding import force_str

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .downloads import make_private_download

FORMULA_SIGNS = frozenset("=+-@")
# A leading tab or line break makes some spreadsheets look further for a formula.
LEADING_TRIGGERS = frozenset("\t\r\n")
# Categories skipped before the first sign: spaces, separators, control and invisible format characters.
BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
TEXT_MARKER = "'"
# Values written as what they are: a spreadsheet cannot run them.
PLAIN_VALUES = (int, float, decimal.Decimal, datetime.date, datetime.time)


def starts_like_formula(text):
    if not text:
        return False
    if text[0] in LEADING_TRIGGERS:
        return True
    first = next(
        (character for character in text if unicodedata.category(character) not in BLANK_CATEGORIES), ""
    )
    # NFKC turns the full-width and small forms (＝, ﹢, ＠...) into the signs they stand for.
    return bool(first) and unicodedata.normalize("NFKC", first)[0] in FORMULA_SIGNS


def inert_text(text):
    """`text`, marked as text when a spreadsheet could take it for a formula."""
    return f"{TEXT_MARKER}{text}" if starts_like_formula(text) else text


def xlsx_text(text):
    """`text` without the control characters an XLSX cell cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class FormulaSafeSpreadsheetMixin(SpreadsheetExportMixin):
    """Every cell and heading written inert; the file served as a private download."""

    def preprocess_field_value(self, field, value, export_format):
        written = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, PLAIN_VALUES) or not isinstance(written, str):
            return written
        return self.safe_text(written, export_format)

    def get_heading(self, queryset, field):
        # Headings may be typed too (a contest's criteria); written as XLSX-safe text in either format.
        return self.safe_text(super().get_heading(queryset, field), self.FORMAT_XLSX)

    def safe_text(self, text, export_format):
        text = inert_text(force_str(text))
        return xlsx_text(text) if export_format == self.FORMAT_XLSX else text

    def write_xlsx_response(self, queryset):
        return make_private_download(super().write_xlsx_response(queryset), f"{self.get_filename()}.xlsx")

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return make_private_download(response, f"{self.get_filename()}.csv")
