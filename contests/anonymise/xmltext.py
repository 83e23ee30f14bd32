"""XML rewritten as text, so that namespace prefixes stay exactly as written (Word refers to them by name in
mc:Ignorable), then parsed to check the result: whatever the rewrite missed, the parser sees."""

import posixpath
import re
from urllib.parse import unquote
from xml.parsers import expat
from xml.sax.saxutils import unescape

from .errors import AnonymisationError

_NAME = r"[^\s=<>/\"']+"
_ATTRIBUTES = rf"(?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*"
ATTRIBUTE = re.compile(rf"(\s)({_NAME})(\s*=\s*)(\"[^\"]*\"|'[^']*')")
NAMESPACE_DECLARATION = re.compile(rf"\sxmlns:({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
QUOTES = {"&quot;": '"', "&apos;": "'"}


def prefixes_of(xml, uris):
    """The prefixes the document binds to any of the namespaces (documents declare them on the root)."""
    return {
        match.group(1)
        for match in NAMESPACE_DECLARATION.finditer(xml)
        if (match.group(2) if match.group(2) is not None else match.group(3)) in uris
    }


def rewrite_attributes(xml, rewrite, needles):
    """The document with each attribute's value replaced by rewrite(name, value, tag) (None keeps it).

    Only tags containing one of the needles are matched: a callback and a new string for every tag of a long
    document would take several times its size. (A tag with ">" in a value before the needle is not matched;
    the check after parsing then finds what it holds.)
    """
    needle_before_tag_end = "|".join(re.escape(needle) for needle in needles)
    tags = re.compile(rf"<(?![!?/])(?=[^<>]*(?:{needle_before_tag_end})){_NAME}{_ATTRIBUTES}\s*/?>")

    def rewrite_tag(tag_match):
        tag = tag_match.group(0)

        def rewrite_attribute(match):
            space, name, equals, quoted = match.groups()
            new_value = rewrite(name, quoted[1:-1], tag)
            if new_value is None:
                return match.group(0)
            return f'{space}{name}{equals}"{escape_attribute(new_value)}"'

        return ATTRIBUTE.sub(rewrite_attribute, tag)

    return tags.sub(rewrite_tag, xml)


def remove_empty_elements(xml, local_name, should_remove):
    """The document without the childless <local_name …/> elements for which should_remove(attributes) is true.

    Attributes are given by their name without prefix, values unescaped. An element written with an end tag is
    left as it is (the check after parsing then finds it).
    """
    pattern = re.compile(rf"<(?:{_NAME}:)?{re.escape(local_name)}(?P<attributes>{_ATTRIBUTES})\s*/>")

    def remove(match):
        attributes = {
            name.rpartition(":")[2]: unescape(quoted[1:-1], QUOTES)
            for _space, name, _equals, quoted in ATTRIBUTE.findall(match.group("attributes"))
        }
        return "" if should_remove(attributes) else match.group(0)

    return pattern.sub(remove, xml)


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
    except LookupError as error:
        # The XML declaration names an encoding Python does not know (encoding="TF-8").
        raise AnonymisationError(f"{name} declares an unknown encoding.") from error


def local_name(element):
    """The element's or attribute's name without its namespace, as check_parsed gives it."""
    return element.rpartition(" ")[2]


def package_path(base, reference):
    """The member a package reference names, relative to the folder `base` ("" for the root) or absolute."""
    path = unquote(reference)
    joined = path if path.startswith("/") else posixpath.join("/", base, path)
    return posixpath.normpath(joined).lstrip("/")
