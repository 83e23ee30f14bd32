"""OpenDocument texts (ODT) for the judges.

meta.xml is replaced by an empty one (initial creator, creator, printed by, user-defined fields…); dc:creator
of comments and tracked changes, and the fields that show the author's or sender's name, are emptied in every
XML member. The thumbnail of the first page is left out, with its line in the manifest. Pictures lose their
metadata (see pictures.py). The mimetype member stays first and STORED, as ODF requires.
"""

import re
from pathlib import PurePosixPath

from .archive import Copy, copy_part, members, read_part, reading
from .budget import Budget
from .errors import AnonymisationError
from .xmltext import (
    check_parsed,
    decode,
    empty_elements,
    package_path,
    prefixes_of,
    remove_empty_elements,
)

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MANIFEST = "META-INF/manifest.xml"
THUMBNAILS_FOLDER = "Thumbnails/"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
MANIFEST_NAMESPACE = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
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
    budget = Budget()
    with reading(data) as archive, Copy() as copy:
        infos = members(archive, budget)
        by_name = {info.filename: info for info in infos}
        mimetype = read_part(archive, by_name["mimetype"], budget) if "mimetype" in by_name else b""
        if mimetype.strip() != ODT_MIMETYPE:
            raise AnonymisationError("This is not an OpenDocument text.")
        copy.add("mimetype", mimetype, stored=True)  # first and STORED: how readers recognise the format
        for info in infos:
            if info.filename != "mimetype" and not info.filename.startswith(THUMBNAILS_FOLDER):
                copy_part(archive, info, copy, budget, _rewriter(info.filename))
    return copy.getvalue()


def _rewriter(name):
    """How the member is rewritten: rewrite(content, name), or None to copy it as it is."""
    if PurePosixPath(name).name == "meta.xml":
        return _empty_meta
    if name == MANIFEST:
        return _manifest_rewritten
    if name.endswith(".xml"):
        return _without_person_names
    return None


def _manifest_rewritten(content, name):
    return _without_person_names(_without_thumbnails(content), name)


def _empty_meta(content, name):
    check_parsed(content, name)
    version = ODT_VERSION.search(decode(content, name))
    return EMPTY_META.format(version=version.group(1) if version else "1.2").encode()


def _without_thumbnails(content):
    """The manifest without the entries of the thumbnail folder, which the copy leaves out."""

    def is_thumbnail(path):
        member = package_path("", path)
        return member == THUMBNAILS_FOLDER.rstrip("/") or member.startswith(THUMBNAILS_FOLDER)

    def lists_a_thumbnail(attributes):
        return is_thumbnail(attributes.get("full-path", ""))

    xml = decode(content, MANIFEST)
    content = remove_empty_elements(xml, "file-entry", lists_a_thumbnail).encode("utf-8")

    def start_element(element, attributes):
        path = attributes.get(f"{MANIFEST_NAMESPACE} full-path", "")
        if element == f"{MANIFEST_NAMESPACE} file-entry" and is_thumbnail(path):
            raise AnonymisationError(f"{MANIFEST} still lists a thumbnail.")

    check_parsed(content, MANIFEST, start_element=start_element)
    return content


def _without_person_names(content, name):
    xml = decode(content, name)
    name_patterns = [
        re.escape(f"{prefix}:{element_name}")
        for namespace, element_names in PERSON_ELEMENTS.items()
        for prefix in prefixes_of(xml, {namespace})
        for element_name in element_names
    ]
    name_patterns += [re.escape(f"{prefix}:") + SENDER_FIELD.pattern for prefix in prefixes_of(xml, {TEXT})]
    content = empty_elements(xml, name_patterns).encode("utf-8")
    _check_no_person_names(content, name)
    return content


def _check_no_person_names(content, name):
    open_person_elements = []

    def is_person_element(element):
        namespace, _, element_name = element.rpartition(" ")
        return element_name in PERSON_ELEMENTS.get(namespace, ()) or (
            namespace == TEXT and SENDER_FIELD.fullmatch(element_name)
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
