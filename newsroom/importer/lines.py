"""Reading an archive file: its lines, bounded in size, as text; and the report of a line that cannot be imported."""

import json
from dataclasses import dataclass

# A limit that a real archive fits with room to spare (docs/archive-format.md says why), like those of the fields:
# past it a line is refused, so one line can cost neither the memory nor the hours that a runaway export would.
LINE_MAX_BYTES = 2 * 2**20
# How much of an over-long line is read at a time on the way to its end.
SKIPPED_CHUNK_BYTES = 2**16


class InvalidLine(ValueError):
    """A line of the archive that cannot become an article; the message says why."""


@dataclass(frozen=True)
class LineError:
    line_number: int
    reason: str

    def __str__(self):
        return f"line {self.line_number}: {self.reason}"


@dataclass(frozen=True)
class OverlongLine:
    """Stands for a line longer than LINE_MAX_BYTES, whose bytes were skipped rather than kept."""

    length: int


def archive_lines(stream):
    """The lines of a binary stream, each read whole unless longer than LINE_MAX_BYTES: such a line comes as an
    OverlongLine, its bytes read a chunk at a time and dropped, so that one huge line cannot fill the memory."""
    while line := stream.readline(LINE_MAX_BYTES + 2):
        length = len(line) - (2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0)
        if len(line) == LINE_MAX_BYTES + 2 and not line.endswith(b"\n"):
            line = None
            length += skip_rest_of_line(stream)
        yield line if length <= LINE_MAX_BYTES else OverlongLine(length)


def skip_rest_of_line(stream):
    """Read to the end of the current line without keeping it; the number of bytes before the line break."""
    skipped = 0
    while chunk := stream.readline(SKIPPED_CHUNK_BYTES):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk.rstrip(b"\r\n"))
        skipped += len(chunk)
    return skipped


def line_text(raw):
    """The text of a line as read (bytes, text, or an OverlongLine), stripped; empty for a blank line."""
    if isinstance(raw, OverlongLine):
        raise InvalidLine(too_long_message(raw.length))
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > LINE_MAX_BYTES:
        raise InvalidLine(too_long_message(size))
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise InvalidLine("not valid UTF-8") from None
    return text.removeprefix("\ufeff").strip()


def too_long_message(size):
    return f"the line is longer than {LINE_MAX_BYTES} bytes (2 MiB): {size} bytes"


def json_object(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidLine(f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InvalidLine("invalid JSON: nested too deeply") from None
    except ValueError as error:
        # A number of more digits than Python converts (4300).
        raise InvalidLine(f"invalid JSON: {str(error).split(':')[0].lower()}") from None
    if not isinstance(data, dict):
        raise InvalidLine("a line must hold one JSON object")
    return data
