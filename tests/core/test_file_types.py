"""A file's type is read from its content, by the rules of its format; a name proves nothing."""

import io
import zipfile

import pytest

from core.file_types import (
    DOCX,
    JPEG,
    MAX_ZIP_MEMBERS,
    ODT,
    PDF,
    PNG,
    WEBP,
    named_file_type,
    sniff_file_type,
)

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
WEBP_BYTES = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
DOCX_MEMBERS = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}


def zip_of(members, stored=("mimetype",)):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content, zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def odt_members(mimetype=ODT_MIMETYPE):
    return {"mimetype": mimetype, "content.xml": "<office:document-content/>"}


def sniff(content):
    return sniff_file_type(io.BytesIO(content))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, PDF),
        (zip_of(DOCX_MEMBERS), DOCX),
        # LibreOffice writes the package's parts in another order; the directory is read, not the order.
        (
            zip_of({"_rels/.rels": "<Relationships/>", "docProps/app.xml": "<Properties/>"} | DOCX_MEMBERS),
            DOCX,
        ),
        (zip_of(odt_members()), ODT),
        (JPEG_BYTES, JPEG),
        (PNG_BYTES, PNG),
        (WEBP_BYTES, WEBP),
    ],
)
def test_each_known_type_is_read_from_its_content(content, expected):
    assert sniff(content) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"plain text",
        b"MZ\x90\x00 a Windows program",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"GIF89a" + b"\x00" * 40,  # an image, but not one of ours
        zip_of({"readme.txt": "just an archive"}),
    ],
)
def test_other_content_is_of_no_known_type(content):
    assert sniff(content) is None


def test_a_pdf_header_counts_only_at_the_first_byte():
    assert sniff(b"\xef\xbb\xbf" + PDF_BYTES) is None  # behind a byte order mark
    assert sniff(b"%PDF\n" + PDF_BYTES[5:]) is None  # without the version's dash
    assert sniff(b" " + PDF_BYTES) is None


def test_a_document_needs_its_main_part_in_the_directory():
    assert sniff(zip_of({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<w:styles/>"})) is None
    assert sniff(zip_of({"word/document.xml": "<w:document/>"})) is None
    assert sniff(zip_of({"mimetype": ODT_MIMETYPE})) is None


def test_a_zip_whose_head_looks_like_a_document_but_cannot_be_read_is_none():
    for document in (zip_of(DOCX_MEMBERS), zip_of(odt_members())):
        assert sniff(document[:-22]) is None  # the directory's end cut off


def test_a_zip_of_too_many_members_is_not_read_as_a_document():
    many = {f"word/media/{number}.png": "" for number in range(MAX_ZIP_MEMBERS)}
    assert sniff(zip_of(DOCX_MEMBERS | many)) is None
    assert sniff(zip_of(DOCX_MEMBERS | dict(list(many.items())[:-2]))) == DOCX


def test_an_odt_keeps_the_opendocument_packaging_rule():
    assert sniff(zip_of(odt_members(), stored=())) is None  # mimetype compressed
    assert (
        sniff(zip_of({"content.xml": "<office:document-content/>", "mimetype": ODT_MIMETYPE})) is None
    )  # not first
    assert sniff(zip_of(odt_members(mimetype=f"{ODT_MIMETYPE}-template"))) is None  # an .ott template
    assert sniff(zip_of(odt_members(mimetype="application/vnd.oasis.opendocument.spreadsheet"))) is None


def test_an_odt_mimetype_is_the_first_member_itself_and_bare():
    with_extra_field = io.BytesIO()
    with zipfile.ZipFile(with_extra_field, "w") as archive:
        mimetype = zipfile.ZipInfo("mimetype")
        mimetype.extra = b"\xfe\xca\x00\x00"  # as jar tools write it
        archive.writestr(mimetype, ODT_MIMETYPE)
        archive.writestr("content.xml", "<office:document-content/>")
    assert sniff(with_extra_field.getvalue()) is None
    # A first member whose name only begins with "mimetype", the real one further on.
    decoy = {f"mimetype{ODT_MIMETYPE}": ""} | odt_members()
    assert sniff(zip_of(decoy, stored=("mimetype", f"mimetype{ODT_MIMETYPE}"))) is None


def test_a_directory_that_contradicts_the_member_it_lists_is_no_error():
    package = bytearray(zip_of(odt_members()))
    directory_entry = package.index(b"PK\x01\x02")
    package[directory_entry + 10] = zipfile.ZIP_DEFLATED  # the directory says compressed; it is not
    assert sniff(bytes(package)) is None


def test_the_file_is_left_at_its_start():
    upload = io.BytesIO(zip_of(DOCX_MEMBERS))
    upload.seek(10)
    assert sniff_file_type(upload) == DOCX
    assert upload.tell() == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tờ trình.PDF", PDF),
        ("anh.jpeg", JPEG),
        ("anh.JPG", JPEG),
        ("bai.odt", ODT),
        ("bai.exe", None),
        ("bai", None),
    ],
)
def test_a_name_claims_a_type_by_its_ending(name, expected):
    assert named_file_type(name) == expected
