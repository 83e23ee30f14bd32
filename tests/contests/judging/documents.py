"""Entry files as writers' machines make them, with the writer's name in every place a tool leaves it."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image, TiffImagePlugin
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

NAME = "Nguyễn Thị Hoa"
INITIALS = "NTH"
EMAIL = "hoa.nguyen@example.vn"
COMPANY = "Trường THCS Ea Knuếc"
WINDOWS_USER = "hoanguyen"
TEXT = "Chị H'Linh dạy chữ cho trẻ em buôn Ea Knuếc suốt mười năm."
IDENTITIES = [NAME, INITIALS, EMAIL, COMPANY, WINDOWS_USER]

# What a camera, a phone or an image editor writes into a picture: the owner, the device and the place.
PHOTOGRAPHER = "Nguyen Thi Hoa"
PHOTO_COPYRIGHT = "Copyright Hoa Nguyen 2025"
CAMERA_MAKE = "Canon"
CAMERA_MODEL = "EOS 90D Hoa"
PHOTO_COMMENT = "Anh cua hoanguyen"
PHOTO_IDENTITIES = [PHOTOGRAPHER, PHOTO_COPYRIGHT, CAMERA_MAKE, CAMERA_MODEL, PHOTO_COMMENT, WINDOWS_USER]
# Traces of metadata by their own names, whatever they say.
METADATA_MARKERS = [b"Exif\x00\x00", b"xmpmeta", b"ICC_PROFILE", b"http://ns.adobe.com/xap/1.0/"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build_zip(members, stored=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content, zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info).decode() for info in archive.infolist()}


def unzip_bytes(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def with_declared_size(data, name, declared):
    """The zip with the member's uncompressed size, in both its headers, said to be `declared`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    patched = bytearray(data)
    struct.pack_into("<I", patched, info.header_offset + 22, declared)
    central = patched.index(b"PK\x01\x02", info.header_offset + 30)
    while patched[central + 46 : central + 46 + len(name)] != name.encode():
        central = patched.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", patched, central + 24, declared)
    return bytes(patched)


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


# Pictures --------------------------------------------------------------------------------------------------

XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{PHOTOGRAPHER}</dc:creator></x:xmpmeta>'.encode()


def camera_exif():
    """The EXIF a phone writes: owner, copyright, device and where the picture was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = PHOTOGRAPHER
    exif[ExifTags.Base.Copyright] = PHOTO_COPYRIGHT
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    exif[ExifTags.Base.Model] = CAMERA_MODEL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 40.0, 5.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (108.0, 3.0, 7.0)
    return exif


def picture(size=(64, 48)):
    image = Image.new("RGB", size, (255, 165, 0))
    for x in range(0, size[0], 4):  # some detail, so a decoder has something to get wrong
        image.putpixel((x, x * size[1] // size[0]), (0, 0, 128))
    return image


def jpeg_with_metadata(size=(64, 48), progressive=False, trailer=True):
    buffer = io.BytesIO()
    picture(size).save(
        buffer,
        "JPEG",
        exif=camera_exif(),
        xmp=XMP,
        comment=PHOTO_COMMENT,
        icc_profile=b"ICC profile of " + WINDOWS_USER.encode(),
        progressive=progressive,
    )
    # What some phones append after the picture: a second image or the maker's own records.
    return buffer.getvalue() + (b"SEFT trailer of " + PHOTOGRAPHER.encode() if trailer else b"")


def photo_of_noise(size, quality):
    """A photo's worth of detail (noise does not compress: a 3000 × 2000 picture is megabytes), with EXIF."""
    bands = [Image.effect_noise(size, 64) for _ in range(3)]
    buffer = io.BytesIO()
    Image.merge("RGB", bands).save(buffer, "JPEG", quality=quality, exif=camera_exif())
    return buffer.getvalue()


def png_with_metadata(size=(64, 48)):
    info = PngInfo()
    info.add_text("Author", PHOTOGRAPHER)
    info.add_itxt("Copyright", PHOTO_COPYRIGHT)
    info.add_text("Comment", PHOTO_COMMENT, zip=True)
    buffer = io.BytesIO()
    picture(size).save(buffer, "PNG", pnginfo=info, exif=camera_exif(), icc_profile=b"x" * 64)
    return buffer.getvalue()


def gif_with_comment(size=(64, 48)):
    buffer = io.BytesIO()
    picture(size).convert("P").save(buffer, "GIF", comment=PHOTO_COMMENT)
    return buffer.getvalue()


def tiff_with_metadata(size=(64, 48)):
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[ExifTags.Base.Artist] = PHOTOGRAPHER
    tags[ExifTags.Base.Copyright] = PHOTO_COPYRIGHT
    tags[ExifTags.Base.XMLPacket] = XMP
    buffer = io.BytesIO()
    picture(size).save(buffer, "TIFF", tiffinfo=tags)
    return buffer.getvalue()


def pdf_with_jpeg(jpeg, size=(64, 48), filters=("/DCTDecode",)):
    """A one-page PDF showing the JPEG as an image XObject; with ("/FlateDecode", "/DCTDecode") it is deflated."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    image = DecodedStreamObject()
    image.set_data(jpeg)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(size[0]),
            NameObject("/Height"): NumberObject(size[1]),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    if filters[0] == "/FlateDecode":
        image = image.flate_encode()
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})}
    )
    contents = DecodedStreamObject()
    contents.set_data(b"q 64 0 0 48 20 20 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(contents)
    writer.add_metadata({"/Author": NAME})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# Archives that cost more than they show ---------------------------------------------------------------------

MB = 1024 * 1024


def zip_with_filler(members, filler_name, filler_bytes, compression=zipfile.ZIP_DEFLATED):
    """The members and one more of `filler_bytes` zeros, written a megabyte at a time (it shrinks to a trifle)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        info = zipfile.ZipInfo(filler_name)
        info.compress_type = compression
        with archive.open(info, "w", force_zip64=False) as filler:
            for _ in range(filler_bytes // MB):
                filler.write(bytes(MB))
            filler.write(bytes(filler_bytes % MB))
    return buffer.getvalue()


def word_document(size):
    """A well-formed word/document.xml of at least `size` bytes, paragraph after paragraph."""
    paragraph = f"<w:p><w:r><w:t>{TEXT}</w:t></w:r></w:p>".encode()
    opening, closing = f'<w:document xmlns:w="{W}"><w:body>'.encode(), b"</w:body></w:document>"
    count = -(-(size - len(opening) - len(closing)) // len(paragraph))
    return opening + paragraph * count + closing


# PDFs written object by object ------------------------------------------------------------------------------

PAGE_TREE = [
    (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
    (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /X 4 0 R >>"),
]


def pdf_of_objects(objects):
    """A PDF of the numbered objects with a classic cross-reference table; object 1 is the catalogue."""
    output = io.BytesIO()
    output.write(b"%PDF-1.7\n")
    offsets = {}
    for number, body in objects:
        offsets[number] = output.tell()
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref, size = output.tell(), max(offsets) + 1
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        output.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return output.getvalue()


def pdf_of_many_objects(count):
    """A page pointing at `count` small dictionaries, through arrays of at most 10,000 references."""
    numbers = range(10, 10 + count)
    arrays = [numbers[start : start + 10_000] for start in range(0, count, 10_000)]
    first_array = 10 + count
    objects = [
        *PAGE_TREE[:2],
        (
            3,
            PAGE_TREE[2][1].replace(
                b"/X 4 0 R",
                b"/X [%s]" % b" ".join(b"%d 0 R" % (first_array + index) for index in range(len(arrays))),
            ),
        ),
    ]
    objects += [(number, b"<< /A %d >>" % number) for number in numbers]
    objects += [
        (first_array + index, b"[%s]" % b" ".join(b"%d 0 R" % number for number in array))
        for index, array in enumerate(arrays)
    ]
    return pdf_of_objects(objects)


def pdf_flooding_the_parser(megabytes):
    """Arrays of numbers, as many as fit in `megabytes`: a few bytes of file, a Python object each once parsed."""
    array = b"[" + b"0 " * 90_000 + b"]"
    count = megabytes * MB // len(array)
    objects = [
        *PAGE_TREE[:2],
        (
            3,
            PAGE_TREE[2][1].replace(
                b"/X 4 0 R", b"/X [%s]" % b" ".join(b"%d 0 R" % (10 + index) for index in range(count))
            ),
        ),
    ]
    return pdf_of_objects(objects + [(10 + index, array) for index in range(count)])


def pdf_with_object_streams(count, padding_bytes):
    """The page tree and `count` - 1 more small objects kept in `count` deflated object streams, each of which
    unpacks to `padding_bytes` more bytes of blanks."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
    contents = [[*PAGE_TREE[:2], (3, page)]]
    contents += [[(3 + index, b"<< /Filler %d >>" % index)] for index in range(1, count)]
    first_stream = 3 + count
    xref_number = first_stream + count
    rows = {0: b"\x00" + struct.pack(">I", 0) + b"\xff\xff"}
    output = io.BytesIO()
    output.write(b"%PDF-1.7\n")
    for stream_index, objects in enumerate(contents):
        offsets, position = [], 0
        for _number, body in objects:
            offsets.append(position)
            position += len(body) + 1
        header = b" ".join(
            b"%d %d" % (number, offset) for (number, _), offset in zip(objects, offsets, strict=True)
        )
        header += b" "
        packed = zlib.compress(
            header + b"\n".join(body for _, body in objects) + b"\n" + b" " * padding_bytes, 9
        )
        number = first_stream + stream_index
        rows[number] = b"\x01" + struct.pack(">I", output.tell()) + b"\x00\x00"
        rows.update(
            {
                object_number: b"\x02" + struct.pack(">IH", number, index)
                for index, (object_number, _) in enumerate(objects)
            }
        )
        output.write(
            b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (number, len(objects), len(header), len(packed))
        )
        output.write(packed + b"\nendstream\nendobj\n")
    xref_offset = output.tell()
    rows[xref_number] = b"\x01" + struct.pack(">I", xref_offset) + b"\x00\x00"
    table = b"".join(rows[number] for number in range(xref_number + 1))
    output.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, xref_number + 1, len(table))
    )
    output.write(table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset)
    return output.getvalue()
