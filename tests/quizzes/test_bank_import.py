"""Questions imported from a spreadsheet: taken whole or not at all, every bad row named, no archive trusted."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from quizzes.bank_import import BankFileError, read_bank
from quizzes.models import Question
from quizzes.setup import ORGANISERS_GROUP, ensure_organisers

pytestmark = pytest.mark.django_db

HEADING = ["Câu hỏi", "Đáp án đúng", "A", "B", "C", "D"]
GOOD_ROWS = [
    ["Chiến thắng Buôn Ma Thuột mở đầu vào ngày nào?", "B", "30/4/1975", "10/3/1975", "26/3/1975"],
    ["Những cây trồng nào được trồng nhiều ở Đắk Lắk?", "a, c", "Cà phê", "Lúa mì", "Hồ tiêu", "Táo tây"],
    [None, None, None],
    ["Năm 2025 là kỷ niệm bao nhiêu năm Chiến thắng Buôn Ma Thuột?", "A", 50, 45.0],
]


@pytest.fixture(autouse=True)
def in_english():
    """The reader's messages in the admin language of the organiser (English here; Vietnamese by default)."""
    with translation.override("en"):
        yield


def xlsx(rows, heading=HEADING, name="cau-hoi.xlsx"):
    workbook = Workbook()
    for row in [heading, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADING, *rows])
    return SimpleUploadedFile("cau-hoi.csv", buffer.getvalue().encode(encoding))


def errors_of(upload):
    with pytest.raises(BankFileError) as refusal:
        read_bank(upload)
    return refusal.value.errors


def test_a_spreadsheet_becomes_questions_with_their_kinds_and_right_options():
    questions = read_bank(xlsx(GOOD_ROWS))
    assert [(q.text, q.kind, q.options, q.right) for q in questions] == [
        (GOOD_ROWS[0][0], "single", ("30/4/1975", "10/3/1975", "26/3/1975"), frozenset({1})),
        (GOOD_ROWS[1][0], "multiple", ("Cà phê", "Lúa mì", "Hồ tiêu", "Táo tây"), frozenset({0, 2})),
        (GOOD_ROWS[3][0], "single", ("50", "45"), frozenset({0})),
    ]


def test_a_csv_file_in_utf8_reads_the_same():
    rows = [[("" if cell is None else cell) for cell in row] for row in GOOD_ROWS]
    assert [q.text for q in read_bank(csv_file(rows))] == [GOOD_ROWS[0][0], GOOD_ROWS[1][0], GOOD_ROWS[3][0]]


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (["", "A", "x", "y"], "Row 2: the question is empty."),
        (["Câu?", "", "x", "y"], "Row 2: the right answers are missing"),
        (["Câu?", "E", "x", "y"], "Row 2: the right answers name E, which are not among the options A to B."),
        (["Câu?", "AB", "x", "y"], "Row 2: the right answers name AB"),
        (["Câu?", "A", "chỉ một"], "Row 2: a question needs at least two options."),
        (["Câu?", "A", "x", "", "z"], "Row 2: an option between others is empty."),
        (["Câu?", "A", *["x"] * 27], "Row 2: a question has at most 26 options."),
        (["C" * 1001, "A", "x", "y"], "Row 2: the question is longer than 1000 characters."),
    ],
)
def test_a_bad_row_refuses_the_whole_file_and_is_named(row, error):
    errors = errors_of(xlsx([row, GOOD_ROWS[0]]))
    assert len(errors) == 1 and errors[0].startswith(error)


def test_control_characters_and_formulas_arrive_as_plain_text():
    (question,) = read_bank(csv_file([["Câu\x00 hỏi\r\n có\tký tự lạ?", "A", '=HYPERLINK("x")', "y"]]))
    assert question.text == "Câu hỏi có ký tự lạ?"
    assert question.options[0] == '=HYPERLINK("x")'


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "cau-hoi.xlsx"),
        (b"\xff\xfe\x00\x00 not utf-8", "cau-hoi.csv"),
        (b"PK\x03\x04 not really a zip", "cau-hoi.xlsx"),
    ],
)
def test_a_file_that_is_no_spreadsheet_is_refused(content, name):
    assert errors_of(SimpleUploadedFile(name, content))


def test_an_archive_that_unpacks_past_its_budget_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\x00" * (25 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    assert errors_of(SimpleUploadedFile("bom.xlsx", buffer.getvalue())) == [
        "The XLSX file unpacks to more than 20 MB."
    ]


def test_a_file_over_two_megabytes_is_refused_unread():
    assert errors_of(SimpleUploadedFile("lon.csv", b"a" * (2 * 1024 * 1024 + 1))) == [
        "The file is larger than 2 MB."
    ]


def test_a_file_with_too_many_questions_is_refused(monkeypatch):
    monkeypatch.setattr("quizzes.bank_import.MAX_QUESTIONS", 3)
    rows = [[f"Câu {n}?", "A", "x", "y"] for n in range(4)]
    assert errors_of(xlsx(rows)) == ["The file holds more than 3 questions."]
    assert len(read_bank(xlsx(rows[:3]))) == 3


@pytest.fixture
def organiser(client, outlets, make_user):
    ensure_organisers(outlets)
    client.force_login(make_user("bantochuc", ORGANISERS_GROUP, admin_language="en"))
    return client


def test_organisers_import_a_file_into_a_round(organiser, make_round):
    quiz_round = make_round(questions=0)
    url = reverse("quizzes_bank_import")
    response = organiser.post(url, {"round": quiz_round.pk, "file": xlsx(GOOD_ROWS)})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('quizzes_question:index')}?round={quiz_round.pk}"
    questions = list(Question.objects.filter(round=quiz_round).order_by("pk"))
    assert [q.text for q in questions] == [GOOD_ROWS[0][0], GOOD_ROWS[1][0], GOOD_ROWS[3][0]]
    assert [option.text for option in questions[1].options.filter(is_correct=True)] == ["Cà phê", "Hồ tiêu"]


def test_a_refused_file_adds_nothing_and_says_why(organiser, make_round):
    quiz_round = make_round(questions=0)
    response = organiser.post(
        reverse("quizzes_bank_import"),
        {"round": quiz_round.pk, "file": xlsx([GOOD_ROWS[0], ["Câu?", "Z", "x", "y"]])},
    )
    assert response.status_code == 200
    assert "Row 3: the right answers name Z" in response.content.decode()
    assert not Question.objects.exists()


def test_the_sample_file_reads_as_a_good_bank(organiser):
    response = organiser.get(reverse("quizzes_bank_sample"))
    assert response["Content-Disposition"].startswith("attachment")
    sample = SimpleUploadedFile("mau.xlsx", response.content)
    assert [q.kind for q in read_bank(sample)] == ["single", "multiple"]


def test_who_may_not_add_questions_is_refused(client, outlets, make_user, make_round):
    quiz_round = make_round(questions=0)
    url = reverse("quizzes_bank_import")
    assert client.get(url)["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(make_user("phongvien", "Báo Đắk Lắk · Phóng viên"))
    # Wagtail's admin answers a refusal with its dashboard and a message.
    for response in (
        client.get(url),
        client.post(url, {"round": quiz_round.pk, "file": xlsx(GOOD_ROWS)}),
        client.get(reverse("quizzes_bank_sample")),
    ):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not Question.objects.exists()
