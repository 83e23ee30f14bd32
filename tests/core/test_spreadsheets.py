"""The formula-safe spreadsheet writer (core.spreadsheets): what a spreadsheet could run is marked as text."""

import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell import WriteOnlyCell

from core.spreadsheets import inert_text, xlsx_text

from .spreadsheet_checks import FORMULA_FORMS, opens_as_formula

HARMLESS = ["Trần Thị Mai", "Trưởng trạm - y sĩ", "", "0912 345 678", "a=b", "'đã là chữ", "(+84) 262 385"]
SIGNS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "\t", "\r", "\n"]
BLANKS = [" ", "\u00a0", "\u3000", "\u200b", "\ufeff", "\x0b", "\x01", "\u2028"]


@pytest.mark.parametrize("form", FORMULA_FORMS)
def test_each_formula_form_is_marked_as_text_and_kept_whole(form):
    assert inert_text(form) == f"'{form}"


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_written_as_typed(text):
    assert inert_text(text) == text


def test_an_xlsx_cell_loses_only_the_characters_the_format_cannot_hold():
    assert xlsx_text("Dòng một\x0bdòng hai\x01\ttab\nxuống dòng") == "Dòng mộtdòng hai\ttab\nxuống dòng"


def formula_like_texts():
    """Any text, and texts built to start like a formula after blanks."""
    built = st.builds(
        lambda blanks, sign, rest: "".join(blanks) + sign + rest,
        st.lists(st.sampled_from(BLANKS), max_size=3),
        st.sampled_from(SIGNS),
        st.text(max_size=20),
    )
    return st.one_of(st.text(max_size=30), built)


@pytest.mark.fuzz
@given(formula_like_texts())
def test_no_text_opens_as_a_formula_once_written(text):
    written = inert_text(text)

    assert not opens_as_formula(written)
    assert written in (text, f"'{text}")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    cell = WriteOnlyCell(sheet, xlsx_text(written))
    assert cell.data_type != "f"


def test_an_xlsx_written_through_the_writer_reads_back_as_text():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([WriteOnlyCell(sheet, xlsx_text(inert_text(form))) for form in FORMULA_FORMS])
    buffer = io.BytesIO()
    workbook.save(buffer)

    cells = next(openpyxl.load_workbook(buffer).active.iter_rows())

    assert [cell.data_type for cell in cells] == ["s"] * len(FORMULA_FORMS)
    assert not any(opens_as_formula(cell.value) for cell in cells)
