"""What copying one entry file for the judges may cost, counted on what is really unpacked.

A document's parts declare their sizes and nothing holds them to it: a 2 MB upload whose parts lied took a worker
to 2.2 GB. So the copy counts the bytes it unpacks, the size of each part it reads whole and the pixels it
decodes, and stops as soon as a count passes its allowance. The entry form makes the same copy when the file is
sent, so a file past the budget is refused there, with the reason, and never reaches a judge's download.

Honest entries are far inside: a 30-page essay from Word unpacks to 1–3 MB, 10–20 MB with photos; its
document.xml is 1–2 MB; a PDF of it has a few hundred to a few thousand objects.
"""

from core.file_types import MAX_ZIP_MEMBERS

from .errors import OverBudget

MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB
MAX_FILE_LABEL = f"{MAX_FILE_BYTES // MB} MB"
MAX_UNPACKED_BYTES = 50 * MB  # everything unpacked from one file: zip members, PDF streams decoded
MAX_PART_BYTES = 10 * MB  # one part read whole: XML to rewrite and parse, a picture to clean
MAX_PICTURE_BYTES = (
    40 * MB
)  # one picture decoded to be encoded again (held twice for a moment): 10 MP in colour
MAX_PICTURES_BYTES = 80 * MB  # all the pictures of one file decoded
MAX_PDF_OBJECTS = 20_000

REFUSAL = "Ban tổ chức không tạo được bản ẩn danh của tệp này cho ban giám khảo: {reason}. {advice}"
SHRINK = "Hãy giảm dung lượng ảnh trong bài (chức năng nén ảnh của Word hoặc LibreOffice) rồi gửi lại."
RESAVE = "Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại rồi gửi lại."
AS_PDF = "Hãy lưu bài dưới dạng PDF rồi gửi lại."
REEXPORT = "Hãy xuất lại bài ra PDF từ Word hoặc LibreOffice rồi gửi lại."


def refusal(reason, advice):
    """What the entrant reads when the file is refused: what is wrong with it, and what to do."""
    return REFUSAL.format(reason=reason, advice=advice)


def number(value):
    """The number as Vietnamese writes it: 20.000."""
    return f"{value:,}".replace(",", ".")


def over_budget(message, reason, advice=SHRINK):
    return OverBudget(message, refusal(reason, advice))


class Budget:
    """The allowances of one copy, spent as the copy goes."""

    def __init__(self):
        self.unpacked = 0
        self.pictures = 0

    def count_members(self, count):
        if count > MAX_ZIP_MEMBERS:
            raise over_budget(
                f"The archive holds {count} members.",
                f"tệp gồm hơn {number(MAX_ZIP_MEMBERS)} thành phần",
                RESAVE,
            )

    def unpack(self, size):
        self.unpacked += size
        self.check_unpacked(self.unpacked)

    @staticmethod
    def check_unpacked(size):
        """Refuses `size` bytes unpacked, or declared: an archive that says it is larger is believed at once."""
        if size > MAX_UNPACKED_BYTES:
            raise over_budget(
                f"The file unpacks to more than {MAX_UNPACKED_BYTES} bytes.",
                f"khi giải nén, tệp lớn hơn {MAX_UNPACKED_BYTES // MB} MB",
            )

    def read_part(self, name, size):
        if size > MAX_PART_BYTES:
            raise over_budget(
                f"{name} unpacks to more than {MAX_PART_BYTES} bytes.",
                f"một phần của tệp, khi giải nén, lớn hơn {MAX_PART_BYTES // MB} MB",
                AS_PDF,
            )

    def decode_picture(self, name, size):
        if size > MAX_PICTURE_BYTES:
            raise over_budget(
                f"{name} decodes to {size} bytes.",
                f"một ảnh trong tệp quá lớn (hơn {MAX_PICTURE_BYTES // MB} MB khi giải nén)",
            )
        self.pictures += size
        if self.pictures > MAX_PICTURES_BYTES:
            raise over_budget(
                f"The pictures decode to more than {MAX_PICTURES_BYTES} bytes.",
                f"các ảnh trong tệp, khi giải nén, lớn hơn {MAX_PICTURES_BYTES // MB} MB",
            )

    def count_pdf_objects(self, count):
        if count > MAX_PDF_OBJECTS:
            raise over_budget(
                f"The PDF holds {count} objects.",
                f"tệp PDF gồm hơn {number(MAX_PDF_OBJECTS)} đối tượng",
                REEXPORT,
            )
