"""A round's questions read from a spreadsheet (XLSX or CSV), as organisers keep their question banks.

One question a row, after a heading row: the question, its right answers as letters ("B", or "A, C" for a
multiple choice question), then its options in columns A, B, C... (at most 26). A row with every cell empty is
skipped. The file is taken whole or not at all: any row in error refuses it, each error named by its row.

An XLSX file is a zip archive whose members may claim any size: each member is unpacked and counted before the
spreadsheet is opened, and refused beyond UNPACKED_BUDGET_BYTES, whatever its directory says.
"""

import csv
import dataclasses
import io
import itertools
import re
import zipfile

from openpyxl import load_workbook

from django.db import transaction
from django.utils.translation import gettext as _

from .forms import OPTION_LETTERS
from .models import Question, QuestionOption
from .models.questions import OPTION_MAX_CHARS, QUESTION_MAX_CHARS

MAX_FILE_BYTES = 2 * 1024 * 1024
UNPACKED_BUDGET_BYTES = 20 * 1024 * 1024
MAX_QUESTIONS = 2000
XLSX_PARTS = frozenset({"[Content_Types].xml", "xl/workbook.xml"})
# Control characters a cell may carry from another program; line breaks and tabs become spaces.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
LETTERS_SEPARATORS = re.compile(r"[\s,;/]+")


class BankFileError(Exception):
    """The file cannot be taken; `errors` says why, each an admin-language sentence (most name a row)."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclasses.dataclass(frozen=True)
class BankQuestion:
    text: str
    options: tuple[str, ...]
    right: frozenset[int]

    @property
    def kind(self):
        return Question.Kind.MULTIPLE if len(self.right) > 1 else Question.Kind.SINGLE


def read_bank(upload):
    """[BankQuestion, ...] from the uploaded file; raises BankFileError."""
    if upload.size > MAX_FILE_BYTES:
        raise BankFileError([_("The file is larger than 2 MB.")])
    content = upload.read()
    rows = _xlsx_rows(content) if content.startswith(b"PK\x03\x04") else _csv_rows(content)
    questions, errors = [], []
    for number, row in enumerate(rows, start=1):
        if number == 1:
            continue  # the heading row
        cells = [_clean(cell) for cell in row]
        if not any(cells):
            continue
        if len(questions) + len(errors) >= MAX_QUESTIONS:
            raise BankFileError(
                [_("The file holds more than %(limit)s questions.") % {"limit": MAX_QUESTIONS}]
            )
        try:
            questions.append(_question(cells))
        except ValueError as error:
            errors.append(_("Row %(row)s: %(error)s") % {"row": number, "error": error})
    if errors:
        raise BankFileError(errors)
    if not questions:
        raise BankFileError([_("The file holds no question below its heading row.")])
    return questions


def _question(cells):
    text, letters, *options = [*cells, "", ""][: max(len(cells), 2)]
    while options and not options[-1]:
        options.pop()
    if not text:
        raise ValueError(_("the question is empty."))
    if len(text) > QUESTION_MAX_CHARS:
        raise ValueError(
            _("the question is longer than %(limit)s characters.") % {"limit": QUESTION_MAX_CHARS}
        )
    if len(options) < 2:
        raise ValueError(_("a question needs at least two options."))
    if len(options) > len(OPTION_LETTERS):
        raise ValueError(_("a question has at most 26 options."))
    if not all(options):
        raise ValueError(_("an option between others is empty."))
    if any(len(option) > OPTION_MAX_CHARS for option in options):
        raise ValueError(_("an option is longer than %(limit)s characters.") % {"limit": OPTION_MAX_CHARS})
    return BankQuestion(text, tuple(options), _right_positions(letters, len(options)))


def _right_positions(letters, option_count):
    named = [letter for letter in LETTERS_SEPARATORS.split(letters.upper()) if letter]
    if not named:
        raise ValueError(_("the right answers are missing (letters such as B, or A, C)."))
    given = OPTION_LETTERS[:option_count]
    wrong = [letter for letter in named if len(letter) != 1 or letter not in given]
    if wrong:
        raise ValueError(
            _("the right answers name %(letters)s, which are not among the options %(first)s to %(last)s.")
            % {"letters": ", ".join(wrong), "first": given[0], "last": given[-1]}
        )
    return frozenset(given.index(letter) for letter in named)


def _clean(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(cell)).split())


def _csv_rows(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BankFileError(
            [_("The file is neither an XLSX spreadsheet nor a CSV file in UTF-8.")]
        ) from error
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise BankFileError([_("The CSV file cannot be read: %(error)s") % {"error": error}]) from error


def _xlsx_rows(content):
    archive = _checked_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (
        Exception
    ) as error:  # openpyxl raises many kinds for a damaged file: each means the same to the user
        raise BankFileError([_("The XLSX file cannot be read.")]) from error
    finally:
        archive.close()
    try:
        # A heading row, the most questions taken and one more to tell that there are too many.
        return list(itertools.islice(workbook.active.iter_rows(values_only=True), MAX_QUESTIONS + 2))
    finally:
        workbook.close()


def _checked_archive(content):
    """The XLSX archive, once every member has been unpacked within the budget."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
        if len(members) > 1000 or not XLSX_PARTS.issubset(member.filename for member in members):
            raise BankFileError([_("The file is not an XLSX spreadsheet.")])
        unpacked = 0
        for member in members:
            with archive.open(member) as stream:
                while chunk := stream.read(64 * 1024):
                    unpacked += len(chunk)
                    if unpacked > UNPACKED_BUDGET_BYTES:
                        raise BankFileError([_("The XLSX file unpacks to more than 20 MB.")])
        return archive
    # NotImplementedError: zipfile's answer to a member packed with a compression method it does not know.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as error:
        raise BankFileError([_("The XLSX file cannot be read.")]) from error


@transaction.atomic
def add_to_round(quiz_round, questions):
    """Save the questions in the round's bank, in the file's order; returns how many."""
    for bank_question in questions:
        question = Question(round=quiz_round, text=bank_question.text, kind=bank_question.kind)
        question.save()
        QuestionOption.objects.bulk_create(
            QuestionOption(
                question=question, text=text, is_correct=position in bank_question.right, sort_order=position
            )
            for position, text in enumerate(bank_question.options)
        )
    return len(questions)
