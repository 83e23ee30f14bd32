"""Word documents (DOCX) for the judges.

- The document properties (docProps/core.xml, app.xml, custom.xml: creator, last modified by, company, manager,
  template, custom fields…) and word/people.xml are replaced by empty ones; the author and initials of comments
  and tracked changes in word/**.xml are blanked; the attached template's path (which holds the Windows user
  name) is cut down to its file name.
- The thumbnail of the first page and the custom XML parts (SharePoint and add-ins keep the author, the
  document's owner and its server there) are left out, with their relationships and content-type overrides, so
  that nothing refers to a missing part and Word opens the copy without complaint.
- Pictures lose their metadata (see pictures.py).
"""

import re
from functools import partial
from pathlib import PurePosixPath

from .archive import Copy, copy_part, members, read_part, reading
from .budget import Budget
from .errors import AnonymisationError
from .xmltext import (
    check_parsed,
    decode,
    local_name,
    package_path,
    prefixes_of,
    remove_empty_elements,
    rewrite_attributes,
)

WORDPROCESSINGML = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict Open XML
}
PEOPLE_ATTRIBUTES = {"author", "initials"}
PROPERTY_RELATIONSHIPS = ("/core-properties", "/extended-properties", "/custom-properties")
PROPERTY_PARTS = {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "word/people.xml"}
PACKAGE_RELATIONSHIPS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
SETTINGS_RELATIONSHIPS = "word/_rels/settings.xml.rels"
THUMBNAIL_RELATIONSHIP = "/metadata/thumbnail"
CUSTOM_XML_FOLDER = "customXml/"


def anonymise_docx(data):
    budget = Budget()
    with reading(data) as archive, Copy() as copy:
        infos = members(archive, budget)
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise AnonymisationError("This is not a Word document.")
        package_relationships = _package_relationships(archive, names, budget)
        property_parts = PROPERTY_PARTS | _targets(package_relationships, PROPERTY_RELATIONSHIPS)
        left_out = _left_out_parts(names, package_relationships)
        for info in infos:
            if info.filename not in left_out:
                copy_part(archive, info, copy, budget, _rewriter(info.filename, property_parts, left_out))
    return copy.getvalue()


def _rewriter(name, property_parts, left_out):
    """How the part is rewritten: rewrite(content, name), or None to copy it as it is."""
    if name in property_parts:
        return _empty_part
    if name.endswith(".rels"):
        return partial(_relationships_rewritten, left_out=left_out)
    if name == CONTENT_TYPES:
        return partial(_without_overrides_for, left_out=left_out)
    if name.startswith("word/") and name.endswith(".xml"):
        return _without_people_attributes
    return None


def _package_relationships(archive, names, budget):
    """{Type: [target part]} of the package's own relationships."""
    relationships = {}
    if PACKAGE_RELATIONSHIPS not in names:
        return relationships

    def start_element(element, attributes):
        if local_name(element) == "Relationship" and attributes.get("TargetMode") != "External":
            target = package_path("", attributes.get("Target", ""))
            relationships.setdefault(attributes.get("Type", ""), []).append(target)

    content = read_part(archive, archive.getinfo(PACKAGE_RELATIONSHIPS), budget)
    check_parsed(content, PACKAGE_RELATIONSHIPS, start_element=start_element)
    return relationships


def _targets(relationships, type_endings):
    return {
        target for kind, targets in relationships.items() if kind.endswith(type_endings) for target in targets
    }


def _left_out_parts(names, package_relationships):
    """The thumbnail, wherever the package puts it, and the custom XML parts."""
    thumbnails = _targets(package_relationships, (THUMBNAIL_RELATIONSHIP,))
    return {
        name
        for name in names
        if name in thumbnails
        or name.startswith(CUSTOM_XML_FOLDER)
        or _is_default_thumbnail(PurePosixPath(name))
    }


def _is_default_thumbnail(path):
    return path.parent.name == "docProps" and path.stem == "thumbnail"


def _relationships_base(name):
    """The folder a relationships part's relative targets start from: that of the part it describes."""
    folder = PurePosixPath(name).parent.parent
    return "" if str(folder) == "." else str(folder)


def _relationships_rewritten(content, name, left_out):
    content = _without_relationships_to(content, name, left_out)
    return _external_targets_as_file_names(content, name) if name == SETTINGS_RELATIONSHIPS else content


def _without_relationships_to(content, name, left_out):
    xml = decode(content, name)
    base = _relationships_base(name)

    def to_left_out(attributes):
        return (
            attributes.get("TargetMode") != "External"
            and package_path(base, attributes.get("Target", "")) in left_out
        )

    content = remove_empty_elements(xml, "Relationship", to_left_out).encode("utf-8")

    def start_element(element, attributes):
        if local_name(element) == "Relationship" and to_left_out(attributes):
            raise AnonymisationError(f"{name} still refers to a part left out.")

    check_parsed(content, name, start_element=start_element)
    return content


def _without_overrides_for(content, name, left_out):
    xml = decode(content, name)

    def for_left_out(attributes):
        return package_path("", attributes.get("PartName", "")) in left_out

    content = remove_empty_elements(xml, "Override", for_left_out).encode("utf-8")

    def start_element(element, attributes):
        if local_name(element) == "Override" and for_left_out(attributes):
            raise AnonymisationError(f"{name} still names a part left out.")

    check_parsed(content, name, start_element=start_element)
    return content


def _empty_part(content, name):
    """The part's root element alone, in its namespace: no properties, no people."""
    root = []

    def start_element(element, attributes):
        if not root:
            root.append(element)

    check_parsed(content, name, start_element=start_element)
    namespace, _, element_name = root[0].rpartition(" ")
    declaration = f' xmlns="{namespace}"' if namespace else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{element_name}{declaration}/>'.encode()


def _without_people_attributes(content, name):
    xml = decode(content, name)
    people_attributes = {
        f"{prefix}:{attribute}"
        for prefix in prefixes_of(xml, WORDPROCESSINGML)
        for attribute in PEOPLE_ATTRIBUTES
    }

    def blank_people(attribute, value, tag):
        return "" if attribute in people_attributes else None

    rewritten = rewrite_attributes(xml, blank_people, PEOPLE_ATTRIBUTES)
    del xml  # a part may be megabytes: hold as few copies of it at once as can be
    content = rewritten.encode("utf-8")
    del rewritten

    def start_element(element, attributes):
        for attribute, value in attributes.items():
            namespace, _, attribute_name = attribute.rpartition(" ")
            if namespace in WORDPROCESSINGML and attribute_name in PEOPLE_ATTRIBUTES and value:
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
