"""PDFs for the judges.

The Info dictionary and every XMP metadata stream are removed, and so are the authors of annotations and the
private data of applications (/PieceInfo); JPEG images (DCTDecode streams) lose their EXIF, XMP, ICC profile and
comments (see pictures.py).

pypdf reads within the budget: a stream is a part read whole, decoded to at most MAX_PART_BYTES; object streams
together unpack to at most MAX_UNPACKED_BYTES; and the objects the cross-reference tables list are counted before any is read (a 6 MB PDF of 100,000
small objects took 34 s and 370 MB). What pypdf builds of an object's own contents is bounded by the process
the copy is made in (see isolation.py).
"""

import io

from pypdf import PdfReader, PdfWriter, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from .budget import MAX_PART_BYTES, REEXPORT, Budget, over_budget
from .errors import AnonymisationError
from .pictures import check_no_metadata, jpeg_without_metadata

PRIVATE_KEYS = ("/Metadata", "/PieceInfo")  # XMP streams; applications' private data
# Annotations (comments, highlights…) name their author in /T, except a form field's, where /T is its name.
FORM_FIELD = "/Widget"
JPEG_FILTER = "/DCTDecode"
DECODED_LIMITS = dict.fromkeys(
    (
        "array_based_stream_maximum_output_length",
        "brotli_maximum_output_length",
        "image_maximum_buffer_size",
        "jbig2_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "zlib_maximum_output_length",
    ),
    MAX_PART_BYTES,
)


def anonymise_pdf(data):
    """The PDF without its Info dictionary, XMP streams, private application data, annotation authors and EXIF."""
    try:
        with apply_configuration(**DECODED_LIMITS):
            copy = _copy(data)
            _check_pdf_anonymised(PdfReader(io.BytesIO(copy)))
    except AnonymisationError:
        raise
    except LimitReachedError as error:
        reason = "tệp PDF, khi giải nén, quá lớn hoặc quá phức tạp"
        raise over_budget(f"The PDF is past pypdf's limits: {error}", reason, REEXPORT) from error
    except Exception as error:  # a malformed PDF can fail anywhere in the parser: refuse it, never show it
        raise AnonymisationError(f"The PDF cannot be read: {error}") from error
    return copy


def _copy(data):
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise AnonymisationError("The PDF is protected by a password.")
    budget = Budget()
    _count_objects(reader, budget)
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    _strip_private_data(writer.root_object, budget)
    writer.compress_identical_objects(remove_duplicates=False)  # drops what nothing refers to any more
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _count_objects(reader, budget):
    """The objects listed, or declared by the object streams holding them, and what those streams unpack to."""
    listed = sum(len(numbers) for numbers in reader.xref.values())
    object_streams = [
        reader.get_object(number) for number in {number for number, _ in reader.xref_objStm.values()}
    ]
    declared = sum(int(stream["/N"]) for stream in object_streams if "/N" in stream)
    budget.count_pdf_objects(listed + max(declared, len(reader.xref_objStm)))
    for stream in object_streams:
        budget.unpack(len(stream.get_data()))  # pypdf keeps the decoded data for reading the objects


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


def _filters(stream):
    if "/Filter" not in stream:
        return []
    filters = stream["/Filter"]
    return [name.get_object() for name in filters] if isinstance(filters, ArrayObject) else [filters]


def _is_jpeg(dictionary):
    return isinstance(dictionary, StreamObject) and _filters(dictionary)[-1:] == [JPEG_FILTER]


def _strip_private_data(root, budget):
    for dictionary in list(_walk_dictionaries(root)):
        for key in PRIVATE_KEYS:
            dictionary.pop(key, None)
        if _names_its_author(dictionary):
            del dictionary["/T"]
        if _is_jpeg(dictionary):
            _strip_jpeg(dictionary, budget)


def _strip_jpeg(stream, budget):
    """The image stream as the JPEG alone, without its metadata (a deflated JPEG is stored inflated)."""
    filters = _filters(stream)
    jpeg = stream.get_data()  # DCTDecode passes its data through: this undoes only the filters before it
    if len(filters) > 1:
        budget.unpack(len(jpeg))
    cleaned = jpeg_without_metadata(jpeg)
    check_no_metadata(cleaned, "A JPEG image of the PDF")
    # The stream's raw bytes: pypdf re-encodes data set on an encoded stream only when its filter is Flate.
    StreamObject.set_data(stream, cleaned)
    stream[NameObject("/Filter")] = NameObject(JPEG_FILTER)
    stream.pop("/DecodeParms", None)
    if isinstance(stream, EncodedStreamObject):
        stream.decoded_self = None


def _check_pdf_anonymised(reader):
    if reader.metadata is not None:
        raise AnonymisationError("The PDF still has its Info dictionary.")
    for dictionary in _walk_dictionaries(reader.root_object):
        if any(key in dictionary for key in PRIVATE_KEYS) or _names_its_author(dictionary):
            raise AnonymisationError("The PDF still holds metadata.")
        if _is_jpeg(dictionary):
            if len(_filters(dictionary)) > 1:
                raise AnonymisationError("A JPEG image of the PDF is still wrapped in other filters.")
            check_no_metadata(dictionary.get_data(), "A JPEG image of the PDF")
