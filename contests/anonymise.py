"""Copies of entries' files for the judges, without the metadata that would tell them who wrote the entry.

The stored file is never changed: each judge's download is a fresh copy.
- DOCX: the document properties (docProps/core.xml, app.xml, custom.xml: creator, last modified by, company,
  manager, template, custom fields…) and word/people.xml are replaced by empty ones; the author and initials of
  comments and tracked changes in word/**.xml are blanked; the attached template's path (which holds the
  Windows user name) is cut down to its file name.
- ODT: meta.xml is replaced by an empty one (initial creator, creator, printed by, user-defined fields…);
  dc:creator of comments and tracked changes, and the fields that show the author's or sender's name, are
  emptied in every XML member. The mimetype member stays first and STORED, as ODF requires.
- PDF: the Info dictionary and every XMP metadata stream are removed, and so is the author of annotations.

Zip members are copied with a fixed date and no extra fields (which can carry the entrant's clock and user
ids). The XML is rewritten as text, so that namespace prefixes stay exactly as written (Word refers to them by
name in mc:Ignorable); the result is then parsed, and any author left in it, or any XML that does not parse,
refuses the copy: a judge gets no file rather than an identifying one.
"""

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath
from xml.parsers import expat

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .files import MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_MEMBERS, ODT_MIMETYPE
from .models import FileKind


class AnonymisationError(Exception):
    """The file cannot be copied without its identifying metadata; it must not be shown to judges."""


def anonymised_file(entry):
    """The bytes of an anonymised copy of the entry's file."""
    with entry.file.open("rb") as stored:
        data = stored.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AnonymisationError("The stored file is larger than an entry may be.")
    return anonymise(data, entry.file_kind)


def anonymise(data, file_kind):
    anonymisers = {FileKind.DOCX: anonymise_docx, FileKind.ODT: anonymise_odt, FileKind.PDF: anonymise_pdf}
    if file_kind not in anonymisers:
        raise AnonymisationError(f"Unknown file kind {file_kind!r}.")
    return anonymisers[file_kind](data)


# XML as text ----------------------------------------------------------------------------------------------

_NAME = r"[^\s=<>/\"']+"
_ATTRIBUTES = rf"(?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*"
START_TAG = re.compile(rf"<(?![!?/]){_NAME}{_ATTRIBUTES}\s*/?>")
ATTRIBUTE = re.compile(rf"(\s)({_NAME})(\s*=\s*)(\"[^\"]*\"|'[^']*')")
NAMESPACE_DECLARATION = re.compile(rf"\sxmlns:({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def prefixes_of(xml, uris):
    """The prefixes the document binds to any of the namespaces (documents declare them on the root)."""
    return {
        match.group(1)
        for match in NAMESPACE_DECLARATION.finditer(xml)
        if (match.group(2) if match.group(2) is not None else match.group(3)) in uris
    }


def rewrite_attributes(xml, rewrite, needles):
    """The document with each attribute's value replaced by rewrite(name, value, tag) (None keeps it).

    Only tags containing one of the needles are looked at, which spares a callback per attribute of a
    long document.
    """

    def rewrite_tag(tag_match):
        tag = tag_match.group(0)
        if not any(needle in tag for needle in needles):
            return tag

        def rewrite_attribute(match):
            space, name, equals, quoted = match.groups()
            new_value = rewrite(name, quoted[1:-1], tag)
            if new_value is None:
                return match.group(0)
            return f'{space}{name}{equals}"{escape_attribute(new_value)}"'

        return ATTRIBUTE.sub(rewrite_attribute, tag)

    return START_TAG.sub(rewrite_tag, xml)


def escape_attribute(value):
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def empty_elements(xml, name_patterns):
    """The document with the text of the elements whose qualified name matches one of the patterns removed.

    An element that holds other elements is left as it is (the check after parsing then refuses it).
    """
    if not name_patterns:
        return xml
    names = "|".join(name_patterns)
    pattern = re.compile(rf"<(?P<name>{names})(?P<attributes>{_ATTRIBUTES})\s*>[^<]*</(?P=name)\s*>")
    return pattern.sub(r"<\g<name>\g<attributes>></\g<name>>", xml)


def decode(content, name):
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnonymisationError(f"{name} is not UTF-8 XML.") from error


def check_parsed(content, name, start_element=None, character_data=None, end_element=None):
    """Parse the XML with namespaces (names as "uri local"), refusing a DTD: office formats have none."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse_dtd(*args):
        raise AnonymisationError(f"{name} declares a DTD.")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    if start_element:
        parser.StartElementHandler = start_element
    if character_data:
        parser.CharacterDataHandler = character_data
    if end_element:
        parser.EndElementHandler = end_element
    try:
        parser.Parse(content, True)
    except expat.ExpatError as error:
        raise AnonymisationError(f"{name} is not well-formed XML: {error}") from error


# Zip archives ---------------------------------------------------------------------------------------------

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# What zipfile and zlib raise on a damaged or unusual archive (NotImplementedError: an unsupported compression).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def read_members(data):
    """{name: (bytes, stored)} in archive order; refuses zip bombs, duplicate names and encrypted members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS or sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                raise AnonymisationError("The archive unpacks to more than a document does.")
            if len({info.filename for info in infos}) != len(infos):
                raise AnonymisationError("The archive holds two members of the same name.")
            if any(info.flag_bits & 0x1 for info in infos):
                raise AnonymisationError("The archive is encrypted.")
            return {
                info.filename: (archive.read(info), info.compress_type == zipfile.ZIP_STORED)
                for info in infos
            }
    except ZIP_ERRORS as error:
        raise AnonymisationError(f"The archive cannot be read: {error}") from error


def write_members(members):
    """A zip of {name: (bytes, stored)}, in that order, with a fixed date and no extra fields."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, (content, stored) in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


# DOCX -----------------------------------------------------------------------------------------------------

WORDPROCESSINGML = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict Open XML
}
PEOPLE_ATTRIBUTES = {"author", "initials"}
PROPERTY_RELATIONSHIPS = ("/core-properties", "/extended-properties", "/custom-properties")
PROPERTY_PARTS = {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "word/people.xml"}
SETTINGS_RELATIONSHIPS = "word/_rels/settings.xml.rels"


def anonymise_docx(data):
    members = read_members(data)
    if "word/document.xml" not in members:
        raise AnonymisationError("This is not a Word document.")
    property_parts = PROPERTY_PARTS | _property_parts(members)
    copied = {}
    for name, (content, stored) in members.items():
        if name in property_parts:
            content = _empty_part(content, name)
        elif name == SETTINGS_RELATIONSHIPS:
            content = _external_targets_as_file_names(content, name)
        elif name.startswith("word/") and name.endswith(".xml"):
            content = _without_people_attributes(content, name)
        copied[name] = (content, stored)
    return write_members(copied)


def _property_parts(members):
    """The document property parts the package relationships name, wherever they are."""
    if "_rels/.rels" not in members:
        return set()
    parts = set()

    def start_element(name, attributes):
        if name.endswith(" Relationship") and attributes.get("Type", "").endswith(PROPERTY_RELATIONSHIPS):
            parts.add(attributes.get("Target", "").lstrip("/"))

    check_parsed(members["_rels/.rels"][0], "_rels/.rels", start_element=start_element)
    return parts


def _empty_part(content, name):
    """The part's root element alone, in its namespace: no properties, no people."""
    root = []

    def start_element(element, attributes):
        if not root:
            root.append(element)

    check_parsed(content, name, start_element=start_element)
    namespace, _, local_name = root[0].rpartition(" ")
    declaration = f' xmlns="{namespace}"' if namespace else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{local_name}{declaration}/>'.encode()


def _without_people_attributes(content, name):
    xml = decode(content, name)
    people_attributes = {
        f"{prefix}:{attribute}"
        for prefix in prefixes_of(xml, WORDPROCESSINGML)
        for attribute in PEOPLE_ATTRIBUTES
    }

    def blank_people(attribute, value, tag):
        return "" if attribute in people_attributes else None

    content = rewrite_attributes(xml, blank_people, PEOPLE_ATTRIBUTES).encode("utf-8")

    def start_element(element, attributes):
        for attribute, value in attributes.items():
            namespace, _, local_name = attribute.rpartition(" ")
            if namespace in WORDPROCESSINGML and local_name in PEOPLE_ATTRIBUTES and value:
                raise AnonymisationError(f"{name} still names a person.")

    check_parsed(content, name, start_element=start_element)
    return content


def _external_targets_as_file_names(content, name):
    """The attached template and mail merge sources, named by file name without their folder."""
    xml = decode(content, name)

    def file_name_only(attribute, value, tag):
        if attribute != "Target" or "External" not in tag:
            return None
        return re.split(r"[/\\]", value)[-1]

    content = rewrite_attributes(xml, file_name_only, ["External"]).encode("utf-8")

    def start_element(element, attributes):
        if attributes.get("TargetMode") == "External" and re.search(r"[/\\]", attributes.get("Target", "")):
            raise AnonymisationError(f"{name} still holds a folder path.")

    check_parsed(content, name, start_element=start_element)
    return content


# ODT ------------------------------------------------------------------------------------------------------

DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
# Elements whose text names a person: the author of a comment or a change, and the fields that show the
# author's, the last editor's, the printer's or the sender's name (taken from the writer's own settings).
PERSON_ELEMENTS = {
    DC: ["creator"],
    META: ["creator-initials"],
    LOEXT: ["sender-initials"],
    TEXT: ["author-name", "author-initials", "initial-creator", "creator", "printed-by", "user-defined"],
}
SENDER_FIELD = re.compile(r"sender-[\w.-]+")
ODT_VERSION = re.compile(r"\soffice:version\s*=\s*[\"']([0-9.]+)[\"']")
EMPTY_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'office:version="{version}"><office:meta/></office:document-meta>'
)


def anonymise_odt(data):
    members = read_members(data)
    mimetype = members.pop("mimetype", (b"", True))[0]
    if mimetype.strip() != ODT_MIMETYPE:
        raise AnonymisationError("This is not an OpenDocument text.")
    copied = {"mimetype": (mimetype, True)}  # first and STORED: how readers recognise the format
    for name, (content, stored) in members.items():
        if PurePosixPath(name).name == "meta.xml":
            content = _empty_meta(content, name)
        elif name.endswith(".xml"):
            content = _without_person_names(content, name)
        copied[name] = (content, stored)
    return write_members(copied)


def _empty_meta(content, name):
    check_parsed(content, name)
    version = ODT_VERSION.search(decode(content, name))
    return EMPTY_META.format(version=version.group(1) if version else "1.2").encode()


def _without_person_names(content, name):
    xml = decode(content, name)
    name_patterns = [
        re.escape(f"{prefix}:{local_name}")
        for namespace, local_names in PERSON_ELEMENTS.items()
        for prefix in prefixes_of(xml, {namespace})
        for local_name in local_names
    ]
    name_patterns += [re.escape(f"{prefix}:") + SENDER_FIELD.pattern for prefix in prefixes_of(xml, {TEXT})]
    content = empty_elements(xml, name_patterns).encode("utf-8")
    _check_no_person_names(content, name)
    return content


def _check_no_person_names(content, name):
    open_person_elements = []

    def is_person_element(element):
        namespace, _, local_name = element.rpartition(" ")
        return local_name in PERSON_ELEMENTS.get(namespace, ()) or (
            namespace == TEXT and SENDER_FIELD.fullmatch(local_name)
        )

    def start_element(element, attributes):
        if is_person_element(element):
            open_person_elements.append(element)

    def end_element(element):
        if open_person_elements and open_person_elements[-1] == element:
            open_person_elements.pop()

    def character_data(text):
        if open_person_elements and text.strip():
            raise AnonymisationError(f"{name} still names a person.")

    check_parsed(content, name, start_element, character_data, end_element)


# PDF ------------------------------------------------------------------------------------------------------

PRIVATE_KEYS = ("/Metadata", "/PieceInfo")  # XMP streams; applications' private data
# Annotations (comments, highlights…) name their author in /T, except a form field's, where /T is its name.
FORM_FIELD = "/Widget"


def anonymise_pdf(data):
    """The PDF without its Info dictionary, XMP streams, private application data and annotation authors."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AnonymisationError("The PDF is protected by a password.")
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        _strip_private_data(writer.root_object)
        writer.compress_identical_objects(remove_duplicates=False)  # drops what nothing refers to any more
        output = io.BytesIO()
        writer.write(output)
        copy = output.getvalue()
        _check_pdf_anonymised(PdfReader(io.BytesIO(copy)))
    except AnonymisationError:
        raise
    except Exception as error:  # a malformed PDF can fail anywhere in the parser: refuse it, never show it
        raise AnonymisationError(f"The PDF cannot be read: {error}") from error
    return copy


def _walk_dictionaries(root):
    """Every dictionary reachable from the document catalogue, each once."""
    seen = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def _names_its_author(dictionary):
    is_annotation = "/Rect" in dictionary and "/Subtype" in dictionary
    return is_annotation and dictionary["/Subtype"] != FORM_FIELD and "/T" in dictionary


def _strip_private_data(root):
    for dictionary in list(_walk_dictionaries(root)):
        for key in PRIVATE_KEYS:
            dictionary.pop(key, None)
        if _names_its_author(dictionary):
            del dictionary["/T"]


def _check_pdf_anonymised(reader):
    if reader.metadata is not None:
        raise AnonymisationError("The PDF still has its Info dictionary.")
    for dictionary in _walk_dictionaries(reader.root_object):
        if any(key in dictionary for key in PRIVATE_KEYS) or _names_its_author(dictionary):
            raise AnonymisationError("The PDF still holds metadata.")
