"""The judges' copy of an entry's file: the writer's name is gone from every part, the writing is kept."""

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from contests.anonymise import AnonymisationError, anonymise
from contests.files import MAX_ZIP_MEMBERS
from contests.models import FileKind

NAME = "Nguyễn Thị Hoa"
INITIALS = "NTH"
EMAIL = "hoa.nguyen@example.vn"
COMPANY = "Trường THCS Ea Knuếc"
WINDOWS_USER = "hoanguyen"
TEXT = "Chị H'Linh dạy chữ cho trẻ em buôn Ea Knuếc suốt mười năm."
IDENTITIES = [NAME, INITIALS, EMAIL, COMPANY, WINDOWS_USER]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def build_zip(members, stored=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content, zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info).decode() for info in archive.infolist()}


def docx_members():
    return {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/custom-properties" Target="/props/custom-fields.xml"/>'
        "</Relationships>",
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
        f'xmlns:w="{W}" xmlns:w14="{W14}" xmlns:mc="{MC}" mc:Ignorable="w14"><w:body><w:p><w:r><w:t>{TEXT}'
        f'</w:t></w:r><w:ins w:id="1" w:author="{NAME}" w:date="2025-04-01T10:00:00Z"><w:r><w:t>thêm</w:t>'
        f"</w:r></w:ins><w:del w:id='2' w:author='{NAME}'><w:r><w:delText>bớt</w:delText></w:r></w:del>"
        f'<w:commentRangeStart w:id="0"/></w:p><w:p w14:paraId="1A2B3C4D"><w:r><w:t>a &gt; b</w:t></w:r>'
        "</w:p></w:body></w:document>",
        "word/comments.xml": f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="{NAME}" '
        f'w:initials="{INITIALS}" w:date="2025-04-01T10:00:00Z"><w:p><w:r><w:t>Xem lại đoạn này</w:t></w:r>'
        "</w:p></w:comment></w:comments>",
        "word/people.xml": '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        f'<w15:person w15:author="{NAME}"><w15:presenceInfo w15:providerId="AD" w15:userId="{EMAIL}"/>'
        "</w15:person></w15:people>",
        "word/_rels/settings.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/attachedTemplate" Target="file:///C:\\Users\\'
        f'{WINDOWS_USER}\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm" TargetMode="External"/>'
        "</Relationships>",
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        f"{NAME}</dc:creator><cp:lastModifiedBy>{NAME}</cp:lastModifiedBy></cp:coreProperties>",
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Company>{COMPANY}</Company><Manager>{NAME}</Manager></Properties>',
        "props/custom-fields.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'custom-properties"><property name="Email"><vt:lpwstr xmlns:vt="x">{EMAIL}</vt:lpwstr></property>'
        "</Properties>",
    }


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

ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def odt_members(creator=NAME):
    return {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        'manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        "meta.xml": f'<office:document-meta {ODT_NAMESPACES} office:version="1.3"><office:meta>'
        f"<meta:initial-creator>{NAME}</meta:initial-creator><dc:creator>{NAME}</dc:creator>"
        f"<meta:printed-by>{WINDOWS_USER}</meta:printed-by>"
        f'<meta:user-defined meta:name="Email">{EMAIL}</meta:user-defined></office:meta></office:document-meta>',
        "content.xml": f'<office:document-content {ODT_NAMESPACES} office:version="1.3"><office:body>'
        f"<office:text><text:p>{TEXT}</text:p><text:p><office:annotation><dc:creator>{creator}</dc:creator>"
        f"<dc:date>2025-04-01T10:00:00</dc:date><meta:creator-initials>{INITIALS}</meta:creator-initials>"
        "<text:p>Xem lại đoạn này</text:p></office:annotation>Ông giáo làng</text:p>"
        '<text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info>'
        f"<dc:creator>{NAME}</dc:creator></office:change-info></text:insertion></text:changed-region>"
        f'</text:tracked-changes><text:p>Người viết: <text:author-name text:fixed="false">{NAME}'
        f"</text:author-name>, <text:sender-email>{EMAIL}</text:sender-email></text:p>"
        "</office:text></office:body></office:document-content>",
        "styles.xml": f"<office:document-styles {ODT_NAMESPACES}><office:master-styles><text:p>"
        f"<text:initial-creator>{NAME}</text:initial-creator></text:p></office:master-styles>"
        "</office:document-styles>",
        "Object 1/meta.xml": f"<office:document-meta {ODT_NAMESPACES}><office:meta><dc:creator>{NAME}"
        "</dc:creator></office:meta></office:document-meta>",
    }


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


def build_pdf():
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    contents = DecodedStreamObject()
    contents.set_data(b"BT /F1 12 Tf 20 100 Td (Nguoi giu lua buon lang) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(contents)
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/T"): TextStringObject(NAME),
            NameObject("/Contents"): TextStringObject("Xem lai doan nay"),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    writer.add_metadata({"/Author": NAME, "/Creator": COMPANY, "/Producer": WINDOWS_USER, "/Title": EMAIL})
    writer.xmp_metadata = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{NAME}</dc:creator></x:xmpmeta>'.encode()
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


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
