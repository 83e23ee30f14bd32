"""Pictures inside documents, without what cameras, phones and editors write into them.

A photo names its owner (EXIF Artist, Copyright), the device (Make, Model) and the place (GPS), and carries XMP,
an ICC profile and comments; some phones add records of their own after the picture.

- JPEG and PNG, nearly every picture in a document, are copied keeping only the segments or chunks that draw
  the picture. Nothing is decoded: no picture loses quality, a PDF's JPEG keeps the colours its stream declares,
  and a small file cannot decode to gigabytes of pixels.
- GIF, TIFF and WebP are decoded within the budget and encoded again by Pillow with no metadata, first frame only.

Every cleaned picture is checked again, through its segments or chunks and through what Pillow reads of it.
Pictures are found by their content, wherever they are and whatever they are named. Drawings (EMF, WMF, SVG)
and embedded objects are not pictures here and are copied as they are.
"""

import io

from PIL import Image, TiffImagePlugin

from .budget import over_budget
from .errors import AnonymisationError

# JPEG ---------------------------------------------------------------------------------------------------------

JPEG_SIGNATURE = b"\xff\xd8\xff"
SOI, EOI, SOS, APP0, APP14 = 0xD8, 0xD9, 0xDA, 0xE0, 0xEE
STANDALONE_MARKERS = {0x01, *range(0xD0, 0xDA)}  # TEM, RST0–7, SOI, EOI: no length follows
# What draws the picture: frames, Huffman and arithmetic tables (C0–CF), restarts, SOI and EOI, scans,
# quantisation tables, restart interval and the rest of DA–DF. APPn (E0–EF) and COM (FE) are metadata.
DRAWING_MARKERS = {0x01, *range(0xC0, 0xE0)}
JFIF = b"JFIF\x00"
ADOBE = b"Adobe"
JFIF_SEGMENT_BYTES = 18  # marker, length, identifier, version, units, densities; thumbnail 0 × 0
ADOBE_SEGMENT_BYTES = 16  # marker, length, identifier, version, flags, colour transform


def jpeg_segments(data):
    """(marker, start, end) of each segment up to EOI; a scan's segment runs to the end of its coded data."""
    if not data.startswith(JPEG_SIGNATURE):
        raise ValueError("no start of image")
    position = 0
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError(f"no marker at {position}")
        while position < len(data) and data[position] == 0xFF:  # fill bytes may precede a marker
            position += 1
        if position == len(data):
            raise ValueError("a marker is cut short")
        marker, start, position = data[position], position - 1, position + 1
        if marker not in STANDALONE_MARKERS:
            end = position + int.from_bytes(data[position : position + 2], "big")
            if not position + 2 <= end <= len(data):
                raise ValueError(f"segment {marker:02X} at {start} is cut short")
            position = _end_of_scan(data, end) if marker == SOS else end
        yield marker, start, position
        if marker == EOI:
            return


def _end_of_scan(data, position):
    """Where the coded data after a scan header ends: the first marker but RSTn (FF 00 is a stuffed FF byte)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 == len(data):
            return len(data)  # cut short: the copy ends it
        following = data[position + 1]
        if following == 0xFF:
            position += 1
        elif following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        else:
            return position


def jpeg_without_metadata(data):
    """The JPEG's own segments only, and the JFIF and Adobe headers that say how to read its colours."""
    kept, ended = [], False
    for marker, start, end in jpeg_segments(data):
        segment = data[start:end]
        if marker in DRAWING_MARKERS:
            kept.append(segment)
        elif marker == APP0 and segment[4:9] == JFIF and len(segment) >= JFIF_SEGMENT_BYTES:
            kept.append(b"\xff\xe0\x00\x10" + segment[4:16] + b"\x00\x00")
        elif marker == APP14 and segment[4:9] == ADOBE and len(segment) >= ADOBE_SEGMENT_BYTES:
            kept.append(b"\xff\xee\x00\x0e" + segment[4:16])
        ended = marker == EOI
    if not ended:
        kept.append(b"\xff\xd9")
    return b"".join(kept)


def _check_jpeg(data, name):
    segments = list(jpeg_segments(data))
    if segments[-1][0] != EOI or segments[-1][2] != len(data):
        raise AnonymisationError(f"{name} carries data after its end.")
    for marker, start, end in segments:
        segment = data[start:end]
        is_header = (marker == APP0 and segment[4:9] == JFIF and len(segment) == JFIF_SEGMENT_BYTES) or (
            marker == APP14 and segment[4:9] == ADOBE and len(segment) == ADOBE_SEGMENT_BYTES
        )
        if marker not in DRAWING_MARKERS and not is_header:
            raise AnonymisationError(f"{name} still carries metadata (segment {marker:02X}).")


# PNG ----------------------------------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Header, palette, data and end, transparency, and how to show the colours and the size. Text, EXIF, ICC
# profiles, times and every private chunk are left out.
DRAWING_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"sBIT",
    b"pHYs",
    b"bKGD",
}


def png_chunks(data):
    """(type, start, end) of each chunk up to IEND."""
    position = len(PNG_SIGNATURE)
    while True:
        if position + 8 > len(data):
            raise ValueError("the picture ends before IEND")
        end = position + 12 + int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        if end > len(data):
            raise ValueError(f"chunk {chunk_type!r} is cut short")
        yield chunk_type, position, end
        if chunk_type == b"IEND":
            return
        position = end


def png_without_metadata(data):
    return PNG_SIGNATURE + b"".join(
        data[start:end] for chunk_type, start, end in png_chunks(data) if chunk_type in DRAWING_CHUNKS
    )


def _check_png(data, name):
    chunks = list(png_chunks(data))
    if chunks[-1][2] != len(data):
        raise AnonymisationError(f"{name} carries data after its end.")
    if any(chunk_type not in DRAWING_CHUNKS for chunk_type, _start, _end in chunks):
        raise AnonymisationError(f"{name} still carries metadata.")


# Pictures encoded again ------------------------------------------------------------------------------------

ENCODING_OPTIONS = {"GIF": {}, "TIFF": {"compression": "tiff_adobe_deflate"}, "WEBP": {"quality": 90}}
KEPT_INFO = ("transparency",)
ONE_BYTE_MODES = {"1", "L", "P"}  # Pillow keeps every other mode in four bytes a pixel
# What Pillow reads as metadata, and the TIFF tags that draw the picture (Pillow writes no others).
METADATA_INFO = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop", "extension"}
DRAWING_TIFF_TAGS = {
    TiffImagePlugin.IMAGEWIDTH,
    TiffImagePlugin.IMAGELENGTH,
    TiffImagePlugin.BITSPERSAMPLE,
    TiffImagePlugin.COMPRESSION,
    TiffImagePlugin.PHOTOMETRIC_INTERPRETATION,
    TiffImagePlugin.FILLORDER,
    TiffImagePlugin.STRIPOFFSETS,
    TiffImagePlugin.SAMPLESPERPIXEL,
    TiffImagePlugin.ROWSPERSTRIP,
    TiffImagePlugin.STRIPBYTECOUNTS,
    TiffImagePlugin.X_RESOLUTION,
    TiffImagePlugin.Y_RESOLUTION,
    TiffImagePlugin.PLANAR_CONFIGURATION,
    TiffImagePlugin.RESOLUTION_UNIT,
    TiffImagePlugin.PREDICTOR,
    TiffImagePlugin.COLORMAP,
    TiffImagePlugin.EXTRASAMPLES,
    TiffImagePlugin.SAMPLEFORMAT,
}
CHECKED_FORMATS = ["JPEG", "PNG", *ENCODING_OPTIONS]


def encoded_again(data, name, budget):
    """The first frame, decoded and encoded in its own format with nothing but its pixels and transparency."""
    with Image.open(io.BytesIO(data), formats=list(ENCODING_OPTIONS)) as picture:
        bytes_per_pixel = 1 if picture.mode in ONE_BYTE_MODES else 4
        budget.decode_picture(name, picture.width * picture.height * bytes_per_pixel)
        picture.load()
        # A plain image: Pillow's TIFF writer would carry the file's XMP and IPTC tags over from the original.
        bare = picture.copy()
        bare.info = {key: picture.info[key] for key in KEPT_INFO if key in picture.info}
        picture_format = picture.format
    output = io.BytesIO()
    bare.save(output, picture_format, **ENCODING_OPTIONS[picture_format])
    return output.getvalue()


def _check_read_by_pillow(data, name):
    """What Pillow reads of the picture's headers (nothing is decoded) holds no metadata."""
    with Image.open(io.BytesIO(data), formats=CHECKED_FORMATS) as picture:
        metadata = METADATA_INFO & set(picture.info)
        if picture.format == "JPEG":
            metadata |= {marker for marker, _payload in picture.applist if marker not in ("APP0", "APP14")}
        if picture.format == "TIFF":
            metadata |= set(picture.tag_v2) - DRAWING_TIFF_TAGS
    if metadata:
        raise AnonymisationError(f"{name} still carries metadata: {sorted(map(str, metadata))}.")


# Every picture ---------------------------------------------------------------------------------------------


def is_picture(head):
    """Whether the bytes begin a picture this module cleans (by content: a name or an extension proves nothing)."""
    return head.startswith((JPEG_SIGNATURE, PNG_SIGNATURE, b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )


def without_metadata(data, name, budget):
    """The picture with nothing but what draws it, checked; a picture that cannot be read is refused."""
    try:
        if data.startswith(JPEG_SIGNATURE):
            cleaned = jpeg_without_metadata(data)
        elif data.startswith(PNG_SIGNATURE):
            cleaned = png_without_metadata(data)
        else:
            cleaned = encoded_again(data, name, budget)
    except Image.DecompressionBombError as error:
        raise over_budget(f"{name}: {error}", "một ảnh trong tệp quá lớn") from error
    except AnonymisationError:
        raise
    except Exception as error:  # a damaged picture can fail anywhere in a decoder: refuse it, never copy it
        raise AnonymisationError(f"{name} cannot be read as a picture: {error}") from error
    check_no_metadata(cleaned, name)
    return cleaned


def check_no_metadata(data, name):
    """Refuses a picture in which anything but what draws it remains."""
    try:
        if data.startswith(JPEG_SIGNATURE):
            _check_jpeg(data, name)
        elif data.startswith(PNG_SIGNATURE):
            _check_png(data, name)
        _check_read_by_pillow(data, name)
    except AnonymisationError:
        raise
    except Exception as error:
        raise AnonymisationError(f"{name} cannot be read as a picture: {error}") from error
