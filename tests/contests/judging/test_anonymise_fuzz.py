"""Whatever an entrant's file holds, the copy for the judges is made or refused: never another error.

Generated damage to the parts of real documents (bytes overwritten, cut out, repeated), zipped again so that it
reaches the parsers inside: the XML rewriting and expat, JPEG segments, PNG chunks, Pillow; and to PDFs as
they are, for pypdf.
"""

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from contests.anonymise import AnonymisationError, anonymise
from contests.models import FileKind

from .documents import (
    build_zip,
    docx_members,
    gif_with_comment,
    jpeg_with_metadata,
    odt_members,
    pdf_with_jpeg,
    png_with_metadata,
)

PICTURES = {"a.jpeg": jpeg_with_metadata(), "b.png": png_with_metadata(), "c.gif": gif_with_comment()}
ARCHIVES = {
    FileKind.DOCX: docx_members() | {f"word/media/{name}": picture for name, picture in PICTURES.items()},
    FileKind.ODT: odt_members() | {f"Pictures/{name}": picture for name, picture in PICTURES.items()},
}


@st.composite
def damaged(draw, data):
    data = bytearray(data.encode() if isinstance(data, str) else data)
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        damage = draw(st.sampled_from(["overwrite", "cut", "repeat"]))
        if damage == "overwrite":
            replacement = draw(st.binary(min_size=1, max_size=8))
            data[position : position + len(replacement)] = replacement
        elif damage == "cut":
            del data[position : position + draw(st.integers(1, 64))]
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 64))]
    return bytes(data)


@st.composite
def damaged_documents(draw):
    file_kind = draw(st.sampled_from([FileKind.DOCX, FileKind.ODT, FileKind.PDF]))
    if file_kind == FileKind.PDF:
        return file_kind, "the file", draw(damaged(pdf_with_jpeg(jpeg_with_metadata())))
    members = ARCHIVES[file_kind]
    name = draw(st.sampled_from(sorted(members)))
    return file_kind, name, build_zip(members | {name: draw(damaged(members[name]))}, stored={"mimetype"})


@pytest.mark.fuzz
@given(damaged_documents())
def test_a_damaged_document_is_copied_or_refused(document):
    file_kind, damaged_part, data = document
    try:
        anonymise(data, file_kind)
        event(f"{file_kind}: copied")
    except AnonymisationError as error:
        event(f"{file_kind}: refused{' at entry' if error.entrant_message else ''}")
    event(f"damaged: {damaged_part.rpartition('.')[2]}")


@pytest.mark.parametrize("file_kind", [FileKind.DOCX, FileKind.ODT])
def test_a_part_declaring_an_unknown_encoding_is_refused(file_kind):
    # Found by the fuzz at 10,000 examples: expat raised LookupError, which no caller expected.
    members = ARCHIVES[file_kind]
    name = "word/document.xml" if file_kind == FileKind.DOCX else "content.xml"
    part = members[name]
    part = part.encode() if isinstance(part, str) else part
    body = part.split(b"?>", 1)[1] if part.startswith(b"<?xml") else part
    declared = b'<?xml version="1.0" encoding="TF-8"?>' + body
    with pytest.raises(AnonymisationError):
        anonymise(build_zip(members | {name: declared}, stored={"mimetype"}), file_kind)
