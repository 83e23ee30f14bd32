"""Copies of entries' files for the judges, without what would tell them who wrote the entry.

The stored file is never changed: each judge's download is a fresh copy (docx.py, odt.py and pdf.py say what
each format loses; pictures.py, what pictures inside them lose). The copy is parsed again, and any author left
in it, any picture still carrying metadata, or anything that does not parse refuses the copy: a judge gets no
file rather than an identifying one.

A copy costs at most the budget (budget.py), counted on what is really unpacked, and is made in a child
process with memory and CPU limits (isolation.py). The entry form makes the same copy when the file is sent
and refuses a file whose copy would be over budget or whose archive cannot be unpacked.

Nothing here needs Django: the child process imports this package alone.
"""

from .budget import MAX_FILE_BYTES
from .docx import anonymise_docx
from .errors import AnonymisationError, OverBudget
from .isolation import PROCESS_LIMITS, ProcessLimits, anonymise_isolated
from .odt import anonymise_odt
from .pdf import anonymise_pdf

__all__ = [
    "AnonymisationError",
    "OverBudget",
    "ProcessLimits",
    "anonymise",
    "anonymise_isolated",
    "anonymised_file",
]

ANONYMISERS = {"docx": anonymise_docx, "odt": anonymise_odt, "pdf": anonymise_pdf}


def anonymise(data, file_kind):
    """The anonymised copy of the file's bytes, made here (the budget holds, the process limits do not)."""
    if file_kind not in ANONYMISERS:
        raise AnonymisationError(f"Unknown file kind {file_kind!r}.")
    if len(data) > MAX_FILE_BYTES:
        raise AnonymisationError("The file is larger than an entry may be.")
    return ANONYMISERS[file_kind](data)


def anonymised_file(entry, limits=PROCESS_LIMITS):
    """The bytes of an anonymised copy of the entry's file, made in a child process."""
    with entry.file.open("rb") as stored:
        data = stored.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AnonymisationError("The stored file is larger than an entry may be.")
    return anonymise_isolated(data, entry.file_kind, limits)
