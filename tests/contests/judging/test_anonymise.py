"""The judges' copy of an entry's file: the writer's name is gone from every part, the writing is kept."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from contests.anonymise import AnonymisationError, anonymise
from contests.models import FileKind
from core.file_types import MAX_ZIP_MEMBERS

from .documents import (
    IDENTITIES,
    NAME,
    TEXT,
    W,
    build_pdf,
    build_zip,
    docx_members,
    odt_members,
    unzip,
)


def assert_anonymous(members):
    for name, content in members.items():
        for identity in IDENTITIES:
            assert identity not in content, f"{identity} is still in {name}"


def test_a_docx_copy_names_nobody_and_keeps_the_writing():
    original = docx_members()
    copy = unzip(anonymise(build_zip(original), FileKind.DOCX))

    assert_anonymous(copy)
    assert list(copy) == list(original)
    document = copy["word/document.xml"]
    assert TEXT in document and "thêm" in document and "bớt" in document and "a &gt; b" in document
    assert 'w:author=""' in document and "w:author=''" not in document
    # Everything but the blanked attributes is as Word wrote it, prefixes included (mc:Ignorable names w14).
    assert document == original["word/document.xml"].replace(f'"{NAME}"', '""').replace(f"'{NAME}'", '""')
    assert 'w:initials=""' in copy["word/comments.xml"] and "Xem lại đoạn này" in copy["word/comments.xml"]
    assert "Normal.dotm" in copy["word/_rels/settings.xml.rels"]
    assert "coreProperties" in copy["docProps/core.xml"] and "creator" not in copy["docProps/core.xml"]
    assert "Company" not in copy["docProps/app.xml"] and "property" not in copy["props/custom-fields.xml"]
    assert "person" not in copy["word/people.xml"]


def test_the_copy_carries_no_dates_or_extra_fields_of_the_writers_machine():
    copy = anonymise(build_zip(docx_members()), FileKind.DOCX)
    with zipfile.ZipFile(io.BytesIO(copy)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert all(info.extra == b"" for info in archive.infolist())


def test_an_author_the_rewrite_cannot_reach_refuses_the_copy():
    members = docx_members()
    # A prefix bound to Word's namespace on an inner element is found too.
    members["word/footnotes.xml"] = f'<footnotes><x:ins xmlns:x="{W}" x:author="{NAME}"/></footnotes>'
    assert NAME not in unzip(anonymise(build_zip(members), FileKind.DOCX))["word/footnotes.xml"]
    # Spelled with a character reference, the namespace escapes the rewrite; the parser's check catches it.
    spelled = W.replace("main", "m&#97;in")
    members["word/footnotes.xml"] = f'<footnotes><x:ins xmlns:x="{spelled}" x:author="{NAME}"/></footnotes>'
    with pytest.raises(AnonymisationError, match="still names a person"):
        anonymise(build_zip(members), FileKind.DOCX)


@pytest.mark.parametrize(
    "members",
    [
        {"word/document.xml": '<!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>', "[Content_Types].xml": "<T/>"},
        {"word/document.xml": "<w:document", "[Content_Types].xml": "<T/>"},
        {"word/document.xml": "<d>é</d>".encode("latin-1"), "[Content_Types].xml": "<T/>"},
        {"[Content_Types].xml": "<T/>"},
        {f"word/media/{number}.png": "" for number in range(MAX_ZIP_MEMBERS + 1)},
    ],
    ids=["dtd", "broken-xml", "not-utf8", "no-document", "too-many-members"],
)
def test_a_doubtful_docx_is_refused_rather_than_copied(members):
    with pytest.raises(AnonymisationError):
        anonymise(build_zip(members), FileKind.DOCX)


def test_what_is_not_a_zip_is_refused():
    with pytest.raises(AnonymisationError):
        anonymise(b"PK\x03\x04 not really a zip", FileKind.DOCX)
    with pytest.raises(AnonymisationError):
        anonymise(b"%PDF-", "exe")


def test_two_members_of_one_name_are_refused():
    buffer = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<d/>")
        archive.writestr("word/document.xml", f"<d>{NAME}</d>")
    with pytest.raises(AnonymisationError):
        anonymise(buffer.getvalue(), FileKind.DOCX)


# ODT ------------------------------------------------------------------------------------------------------


def test_an_odt_copy_names_nobody_and_keeps_the_writing():
    members = odt_members()
    data = build_zip({"META-INF/manifest.xml": members.pop("META-INF/manifest.xml"), **members})
    copy = anonymise(data, FileKind.ODT)

    with zipfile.ZipFile(io.BytesIO(copy)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert not first.extra
    members = unzip(copy)
    assert_anonymous(members)
    content = members["content.xml"]
    assert TEXT in content and "Xem lại đoạn này" in content and "Ông giáo làng" in content
    assert "<dc:creator></dc:creator>" in content and "<dc:date>2025-04-01T10:00:00</dc:date>" in content
    assert '<text:author-name text:fixed="false"></text:author-name>' in content
    assert 'office:version="1.3"' in members["meta.xml"] and "creator" not in members["meta.xml"]
    assert "initial-creator" not in members["Object 1/meta.xml"] and NAME not in members["Object 1/meta.xml"]


def test_an_odt_author_hidden_in_markup_refuses_the_copy():
    data = build_zip(odt_members(creator=f"<text:span>{NAME}</text:span>"))
    with pytest.raises(AnonymisationError):
        anonymise(data, FileKind.ODT)


def test_a_zip_that_is_not_an_odt_is_refused():
    members = odt_members()
    members["mimetype"] = "application/vnd.oasis.opendocument.spreadsheet"
    with pytest.raises(AnonymisationError):
        anonymise(build_zip(members), FileKind.ODT)


# PDF ------------------------------------------------------------------------------------------------------


def test_a_pdf_copy_has_no_info_xmp_or_annotation_author_and_keeps_the_writing():
    data = build_pdf()
    assert NAME.encode("utf-16-be") in data or NAME.encode() in data
    copy = anonymise(data, FileKind.PDF)

    reader = PdfReader(io.BytesIO(copy))
    assert reader.metadata is None and reader.xmp_metadata is None
    assert "Nguoi giu lua buon lang" in reader.pages[0].extract_text()
    note = reader.pages[0]["/Annots"][0].get_object()
    assert "/T" not in note and note["/Contents"] == "Xem lai doan nay"
    for identity in IDENTITIES:
        assert identity.encode() not in copy and identity.encode("utf-16-be") not in copy


def test_a_broken_pdf_is_refused():
    with pytest.raises(AnonymisationError):
        anonymise(b"%PDF-1.4\nnothing else", FileKind.PDF)
