"""What a judge's download may cost: the anonymiser counts what it really unpacks and stops at its budget.

Whatever an entry file declares about itself, copying it for the judges holds a bounded amount of memory; a file
that could not be copied within the budget is refused when it is sent, with the reason in Vietnamese.
"""

import io
import zipfile

import pytest
import time_machine
from pypdf import PdfReader

from contests.anonymise import (
    AnonymisationError,
    OverBudget,
    ProcessLimits,
    anonymise,
    anonymise_isolated,
)
from contests.anonymise.budget import MAX_PART_BYTES, MAX_PDF_OBJECTS, MAX_UNPACKED_BYTES
from contests.models import Entry, FileKind
from tests.conftest import peak_memory

from ..conftest import DURING, entry_data, upload
from .documents import (
    MB,
    build_zip,
    docx_members,
    pdf_flooding_the_parser,
    pdf_of_many_objects,
    pdf_with_object_streams,
    with_declared_size,
    word_document,
    zip_with_filler,
)

FILLER = "word/media/filler.bin"
# The most an entry file may hold in memory beside itself while it is refused, and while the largest accepted
# one is copied.
REFUSAL_MEMORY = 16 * MB
COPY_MEMORY = 80 * MB


def refusal(data, file_kind=FileKind.DOCX):
    """The error anonymising the file raises, and the most memory it held."""
    errors = []

    def anonymise_expecting_refusal():
        with pytest.raises(AnonymisationError) as raised:
            anonymise(data, file_kind)
        errors.append(raised.value)

    peak = peak_memory(anonymise_expecting_refusal)
    return errors[0], peak


def test_a_member_that_lies_about_its_size_is_refused_without_being_unpacked():
    # 128 MB of zeros said to be 1 KB: zipfile trusts the size and inflated all of it in one call.
    data = with_declared_size(zip_with_filler(docx_members(), FILLER, 128 * MB), FILLER, 1024)
    assert len(data) < MB

    error, peak = refusal(data)
    assert peak < REFUSAL_MEMORY
    assert "hỏng" in error.entrant_message


def test_a_document_that_says_it_unpacks_past_the_budget_is_refused_before_anything_is_unpacked():
    data = zip_with_filler(docx_members(), FILLER, MAX_UNPACKED_BYTES + MB)

    error, peak = refusal(data)
    assert isinstance(error, OverBudget) and peak < REFUSAL_MEMORY
    assert "50 MB" in error.entrant_message


def test_an_xml_part_larger_than_any_entry_needs_is_refused():
    members = docx_members() | {"word/document.xml": word_document(MAX_PART_BYTES + 1)}

    error, _peak = refusal(build_zip(members))
    assert isinstance(error, OverBudget) and "10 MB" in error.entrant_message


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_a_member_compressed_in_a_way_office_never_uses_is_refused_unopened(method):
    # These decompressors cannot be told to stop: one read of a few bytes can unpack gigabytes.
    data = with_declared_size(zip_with_filler(docx_members(), FILLER, 64 * MB, method), FILLER, 1024)

    error, peak = refusal(data)
    assert peak < REFUSAL_MEMORY and error.entrant_message


def test_the_largest_document_accepted_is_copied_in_bounded_memory():
    part = MAX_PART_BYTES - MB
    members = docx_members() | {
        "word/document.xml": word_document(part),
        "word/footnotes.xml": word_document(part),
    }
    data = zip_with_filler(members, FILLER, MAX_UNPACKED_BYTES - 2 * part - 2 * MB)

    copies = []
    peak = peak_memory(lambda: copies.append(anonymise(data, FileKind.DOCX)))
    assert peak < COPY_MEMORY
    with zipfile.ZipFile(io.BytesIO(copies[0])) as archive:
        assert archive.getinfo(FILLER).file_size == MAX_UNPACKED_BYTES - 2 * part - 2 * MB
        assert archive.read("word/footnotes.xml") == members["word/footnotes.xml"]


# PDF --------------------------------------------------------------------------------------------------------


def test_a_pdf_of_more_objects_than_any_entry_needs_is_refused_before_they_are_read():
    error, peak = refusal(pdf_of_many_objects(MAX_PDF_OBJECTS + 1), FileKind.PDF)
    assert isinstance(error, OverBudget) and peak < REFUSAL_MEMORY
    assert "20.000" in error.entrant_message


def test_a_pdf_object_stream_larger_than_a_part_is_refused():
    data = pdf_with_object_streams(1, MAX_PART_BYTES + MB)
    assert len(data) < MB

    error, peak = refusal(data, FileKind.PDF)
    assert isinstance(error, OverBudget) and error.entrant_message
    assert peak < 2 * MAX_PART_BYTES + REFUSAL_MEMORY


def test_pdf_object_streams_that_unpack_past_the_budget_together_are_refused():
    data = pdf_with_object_streams(6, MAX_PART_BYTES - MB)
    assert len(data) < MB

    error, peak = refusal(data, FileKind.PDF)
    assert isinstance(error, OverBudget) and "50 MB" in error.entrant_message
    assert peak < MAX_UNPACKED_BYTES + 2 * MAX_PART_BYTES


def test_a_pdf_in_object_streams_within_the_budget_is_copied():
    copy = anonymise(pdf_with_object_streams(3, MB), FileKind.PDF)
    assert len(PdfReader(io.BytesIO(copy)).pages) == 1


def test_a_pdf_that_floods_the_parser_is_stopped_by_the_limits_of_the_process_that_copies_it():
    # pypdf makes a Python object of every number: 2 MB of "0 0 0 …" took 24 s and 210 MB. No budget sees that
    # before the parser runs, so the copy is made in a child process under memory and CPU limits.
    data = pdf_flooding_the_parser(4)
    limits = ProcessLimits(memory_bytes=256 * MB, cpu_seconds=2, wall_seconds=20)

    def copy_in_a_child():
        with pytest.raises(OverBudget) as raised:
            anonymise_isolated(data, FileKind.PDF, limits)
        assert raised.value.entrant_message

    assert peak_memory(copy_in_a_child) < REFUSAL_MEMORY


def test_a_copy_made_in_a_child_process_is_the_copy_made_here():
    data = build_zip(docx_members())
    assert anonymise_isolated(data, FileKind.DOCX) == anonymise(data, FileKind.DOCX)
    with pytest.raises(AnonymisationError, match="well-formed") as raised:
        anonymise_isolated(build_zip(docx_members() | {"word/comments.xml": "<w:comments"}), FileKind.DOCX)
    assert not isinstance(raised.value, OverBudget) and raised.value.entrant_message is None


def test_no_process_to_copy_with_is_no_fault_of_the_file(monkeypatch):
    monkeypatch.setattr("contests.anonymise.isolation.sys.executable", "/nonexistent/python")
    with pytest.raises(AnonymisationError, match="could not start") as raised:
        anonymise_isolated(build_zip(docx_members()), FileKind.DOCX)
    assert raised.value.entrant_message is None


# At entry ---------------------------------------------------------------------------------------------------


@time_machine.travel(DURING, tick=False)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (zip_with_filler(docx_members(), FILLER, MAX_UNPACKED_BYTES + MB), "lớn hơn 50 MB"),
        (with_declared_size(zip_with_filler(docx_members(), FILLER, 128 * MB), FILLER, 1024), "hỏng"),
    ],
    ids=["over-budget", "lying-sizes"],
)
def test_the_entry_form_refuses_a_file_the_judges_could_not_be_given(client, contest, content, message):
    response = client.post(
        contest.url,
        {
            **entry_data(contest, text="", title="Bài có tệp quá nặng"),
            "attachment": upload("bai.docx", content),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "Bài có tệp quá nặng" in html
    assert not Entry.objects.exists()
