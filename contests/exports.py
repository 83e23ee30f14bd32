"""Spreadsheet exports of what the public typed: a cell must never run as a formula when opened."""

import datetime

from django.utils.encoding import force_str

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from newsroom.vietnamese import LOCAL_TIME_ZONE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


def inert_cell(value):
    """Text starting like a formula gets a leading apostrophe, as spreadsheets expect (OWASP CSV injection)."""
    text = force_str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def local_time(value):
    return value.astimezone(LOCAL_TIME_ZONE).replace(tzinfo=None)


class SafeSpreadsheetMixin:
    """Times in the province's clock; CSV text made inert (Wagtail already stores such XLSX cells as text)."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {XLSX: local_time, CSV: lambda value: local_time(value).isoformat(sep=" ")},
        str: {CSV: inert_cell},
    }
