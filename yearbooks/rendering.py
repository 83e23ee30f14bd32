"""The yearbook's PDF (fpdf2, A4 portrait, in points): a cover, the tables of contents by field and by unit, then
one page per profile, numbered in the footer; the posters' Be Vietnam Pro fonts, embedded.

The contents come before the profiles but name their pages: their length is worked out first, row by row (every
row one line, cut with an ellipsis), so each profile's page number is known before anything is drawn. A profile's
page measures its text before drawing it: the name shrinks, then every block is cut at the lines left above the
footer, so nothing runs off the page. Profiles are drawn one at a time as they come, and each photo is a small
JPEG: the book holds in memory its drawn pages and their photos, never the profiles.
"""

from dataclasses import dataclass, field
from io import BytesIO

from posters import rendering as poster_rendering
from posters.rendering import Sheet, rgb

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
MARGIN = 56
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_TOP = PAGE_HEIGHT - 52
# The profiles' pages report their progress this often: a row updated per profile would slow a large book.
PROGRESS_EVERY = 10

TEXT = "#222222"
MUTED = "#5a5a5a"
GOLD = "#c9a227"
WHITE = "#ffffff"

COVER_HEADING = "GƯƠNG ĐIỂN HÌNH TIÊN TIẾN"
CONTENTS_HEADING = "MỤC LỤC"
ACHIEVEMENTS_HEADING = "Thành tích"
AWARDS_HEADING = "Danh hiệu, khen thưởng"
MOVEMENT_LABEL = "Phong trào: "

# The contents: rows of one height, a section beginning a page.
CONTENTS_TOP = 118
ROW_HEIGHT = 17
ROWS_PER_PAGE = int((FOOTER_TOP - 12 - CONTENTS_TOP) // ROW_HEIGHT)
PAGE_NUMBER_WIDTH = 40
# How many rows each kind of row takes.
ROW_SPAN = {"section": 2, "group": 1, "entry": 1}

PHOTO_WIDTH, PHOTO_HEIGHT = 168, 210
PROFILE_TOP = 92


@dataclass(frozen=True)
class Style(poster_rendering.Style):
    """The posters' text style, set left and a little looser for a book's pages."""

    colour: str = TEXT
    align: str = "L"
    leading: float = 1.35


@dataclass(frozen=True)
class Cover:
    title: str
    masthead: str
    accent: str
    year: int
    # What the book gathers, a line each ("Phong trào …", "Năm 2025", "120 gương điển hình").
    lines: tuple = ()


@dataclass(frozen=True)
class Profile:
    """A profile's page: its public fields only, as yearbooks.content reads them."""

    name: str
    subject_kind: str
    position_and_unit: str
    year: int
    fields: str
    movements: str
    achievements: tuple
    awards: tuple
    photo: bytes | None = None


@dataclass(frozen=True)
class Group:
    """A heading of the contents (a field, a unit) and its profiles: (name, the profile's index in the book)."""

    heading: str
    entries: list = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    heading: str
    groups: list


@dataclass(frozen=True)
class Row:
    kind: str  # "section", "group" or "entry"
    text: str
    profile_index: int | None = None


class Book(Sheet):
    """The book's A4 pages, on which one point is one point (the posters' Sheet at scale 1)."""

    def __init__(self, title, accent):
        super().__init__("A4", title)
        self.accent = accent

    def one_line(self, text, style, width):
        return next(iter(self.lines(text, style, width, 1)), "")

    def footer(self):
        number = self.pdf.page_no()
        self.fill(GOLD, MARGIN, FOOTER_TOP, CONTENT_WIDTH, 0.8)
        self.write([str(number)], Style(10, "", MUTED, "C"), MARGIN, FOOTER_TOP + 12, CONTENT_WIDTH)


def draw_cover(book, cover):
    pdf, accent = book.pdf, book.accent
    pdf.add_page()
    book.fill(accent, 0, 0, PAGE_WIDTH, 132)
    book.fill(GOLD, 0, 132, PAGE_WIDTH, 4)
    masthead = Style(16, "B", WHITE, "C")
    masthead_lines = book.lines(cover.masthead.upper(), masthead, CONTENT_WIDTH, 2)
    book.write(
        masthead_lines, masthead, MARGIN, 66 - len(masthead_lines) * masthead.line_height / 2, CONTENT_WIDTH
    )
    heading = Style(13, "B", MUTED, "C")
    book.write([COVER_HEADING], heading, MARGIN, 250, CONTENT_WIDTH)
    book.fill(GOLD, (PAGE_WIDTH - 90) / 2, 280, 90, 2.5)
    title = Style(30, "B", accent, "C", leading=1.25)
    title_lines, size = book.shrunk_lines(cover.title, title, CONTENT_WIDTH, 5, smallest=18)
    y = book.write(title_lines, title, MARGIN, 304, CONTENT_WIDTH, size=size) + 28
    detail = Style(13, "", TEXT, "C")
    for line in cover.lines:
        y = book.write(book.lines(line, detail, CONTENT_WIDTH, 2), detail, MARGIN, y, CONTENT_WIDTH)
    book.fill(GOLD, (PAGE_WIDTH - 90) / 2, PAGE_HEIGHT - 150, 90, 2.5)
    book.write([f"Năm {cover.year}"], Style(15, "B", accent, "C"), MARGIN, PAGE_HEIGHT - 132, CONTENT_WIDTH)
    book.fill(accent, 0, PAGE_HEIGHT - 16, PAGE_WIDTH, 16)


def contents_rows(sections):
    """The contents as pages of rows: a section begins a page, a group's heading never ends one."""
    pages = []
    for section in sections:
        page, used = [Row("section", section.heading)], ROW_SPAN["section"]
        for group in section.groups:
            rows = [Row("group", group.heading)] + [
                Row("entry", name, index) for name, index in group.entries
            ]
            for row in rows:
                # A group's heading goes on with its first entry.
                needed = ROW_SPAN[row.kind] + (ROW_SPAN["entry"] if row.kind == "group" else 0)
                if used + needed > ROWS_PER_PAGE:
                    pages.append(page)
                    page, used = [], 0
                page.append(row)
                used += ROW_SPAN[row.kind]
        pages.append(page)
    return pages


def draw_contents(book, pages, first_profile_page):
    for rows in pages:
        book.pdf.add_page()
        book.write([CONTENTS_HEADING], Style(18, "B", book.accent, "C"), MARGIN, 60, CONTENT_WIDTH)
        y = CONTENTS_TOP
        for row in rows:
            y = draw_contents_row(book, row, y, first_profile_page)
        book.footer()


def draw_contents_row(book, row, y, first_profile_page):
    if row.kind == "section":
        style = Style(13, "B", book.accent)
        book.write([book.one_line(row.text.upper(), style, CONTENT_WIDTH)], style, MARGIN, y, CONTENT_WIDTH)
        return y + ROW_SPAN["section"] * ROW_HEIGHT
    if row.kind == "group":
        style = Style(11, "B", TEXT)
        book.write([book.one_line(row.text, style, CONTENT_WIDTH)], style, MARGIN, y + 3, CONTENT_WIDTH)
        return y + ROW_HEIGHT
    indent = 14
    name_style = Style(10.5, "", TEXT)
    name_width = CONTENT_WIDTH - indent - PAGE_NUMBER_WIDTH - 12
    name = book.one_line(row.text, name_style, name_width)
    book.write([name], name_style, MARGIN + indent, y + 3, name_width)
    number_x = PAGE_WIDTH - MARGIN - PAGE_NUMBER_WIDTH
    book.write(
        [str(first_profile_page + row.profile_index)],
        Style(10.5, "", TEXT, "R"),
        number_x,
        y + 3,
        PAGE_NUMBER_WIDTH,
    )
    leader_start = MARGIN + indent + book.pdf.get_string_width(name) + 6
    leader_y = y + 3 + 10.5 * 1.35 * 0.72
    book.pdf.set_draw_color(*rgb(MUTED))
    book.pdf.set_line_width(0.6)
    with book.pdf.local_context():
        book.pdf.set_dash_pattern(dash=0.6, gap=2.4)
        book.pdf.line(leader_start, leader_y, number_x + PAGE_NUMBER_WIDTH - 24, leader_y)
    return y + ROW_HEIGHT


def draw_profile(book, profile, header):
    pdf = book.pdf
    pdf.add_page()
    header_style = Style(9, "", MUTED)
    book.write([book.one_line(header, header_style, CONTENT_WIDTH)], header_style, MARGIN, 40, CONTENT_WIDTH)
    book.fill(book.accent, MARGIN, 58, CONTENT_WIDTH, 1.2)
    x, width, top = MARGIN, CONTENT_WIDTH, PROFILE_TOP
    photo_bottom = top
    if profile.photo:
        book.fill(GOLD, MARGIN - 3, top - 3, PHOTO_WIDTH + 6, PHOTO_HEIGHT + 6)
        pdf.image(BytesIO(profile.photo), MARGIN, top, PHOTO_WIDTH, PHOTO_HEIGHT)
        photo_bottom = top + PHOTO_HEIGHT + 3
        x, width = MARGIN + PHOTO_WIDTH + 22, CONTENT_WIDTH - PHOTO_WIDTH - 22
    y = identity_block(book, profile, x, width, top)
    y = max(y, photo_bottom) + 22
    achievements_and_awards(book, profile, y)
    book.footer()


def identity_block(book, profile, x, width, y):
    """Subject, name, post and unit, year, fields and movements, beside the photo; returns the y under them."""
    kind = Style(10, "B", GOLD)
    y = book.write([book.one_line(profile.subject_kind.upper(), kind, width)], kind, x, y, width) + 2
    name = Style(22, "B", book.accent, leading=1.2)
    name_lines, size = book.shrunk_lines(profile.name, name, width, 3, smallest=14)
    y = book.write(name_lines, name, x, y, width, size=size) + 6
    post = Style(12, "I", TEXT)
    y = book.write(book.lines(profile.position_and_unit, post, width, 3), post, x, y, width) + 8
    detail = Style(10.5, "", TEXT)
    for label, value, max_lines in (
        ("Năm được công nhận: ", str(profile.year), 1),
        ("Lĩnh vực: ", profile.fields, 2),
        (MOVEMENT_LABEL, profile.movements, 4),
    ):
        if value:
            text = labelled(label, value)
            y = book.write(book.lines(text, detail, width, max_lines), detail, x, y, width) + 3
    return y


def labelled(label, value):
    """The value after its label, unless it already begins with it ("Phong trào “Ngày thứ Bảy tình nguyện”")."""
    if value.casefold().startswith(label.strip(" :").casefold()):
        return value
    return label + value


def achievements_and_awards(book, profile, y):
    """The achievements, then the awards, in the space left above the footer: the awards keep up to half of it."""
    bottom = FOOTER_TOP - 14
    heading = Style(13, "B", book.accent)
    body = Style(10.5, "", TEXT, leading=1.45)
    award_lines = [book.lines(f"• {award}", body, CONTENT_WIDTH, 2) for award in profile.awards]
    awards_needed = heading.line_height + 6 + sum(len(lines) for lines in award_lines) * body.line_height
    awards_space = min(awards_needed, (bottom - y) / 2) if profile.awards else 0
    if profile.achievements:
        y = book.write([ACHIEVEMENTS_HEADING], heading, MARGIN, y, CONTENT_WIDTH) + 4
        room = int((bottom - awards_space - y - 10) // body.line_height)
        y = (
            book.write(
                paragraph_lines(book, profile.achievements, body, room), body, MARGIN, y, CONTENT_WIDTH
            )
            + 10
        )
    if profile.awards:
        y = book.write([AWARDS_HEADING], heading, MARGIN, y, CONTENT_WIDTH) + 4
        room = int((bottom - y) // body.line_height)
        book.write(
            cut_lines([line for lines in award_lines for line in lines], book, body, room),
            body,
            MARGIN,
            y,
            CONTENT_WIDTH,
        )


def paragraph_lines(book, paragraphs, style, room):
    """The paragraphs' lines in `room` lines at most, the last one cut with an ellipsis if text is left out."""
    lines = []
    for paragraph in paragraphs:
        lines += book.lines(paragraph, style, CONTENT_WIDTH, room + 1)
        if len(lines) > room:
            break
    return cut_lines(lines, book, style, room)


def cut_lines(lines, book, style, room):
    if room < 1:
        return []
    if len(lines) <= room:
        return lines
    book.use(style)
    return [*lines[: room - 1], book.with_ellipsis(lines[room - 1], CONTENT_WIDTH)]


def render_yearbook(cover, sections, profiles, count, progress=None):
    """The book's PDF as bytes. `sections` are the contents (Section), `profiles` an iterable of the `count`
    profiles (Profile) in the book's order, read one at a time; `progress(done)` is told every few profiles."""
    book = Book(cover.title, cover.accent)
    draw_cover(book, cover)
    pages = contents_rows(sections)
    first_profile_page = 2 + len(pages)
    draw_contents(book, pages, first_profile_page)
    for done, profile in enumerate(profiles, start=1):
        draw_profile(book, profile, cover.title)
        if progress and (done % PROGRESS_EVERY == 0 or done == count):
            progress(done)
    return book.pdf_bytes()


def page_count(sections, count):
    """How many pages the book of these contents and `count` profiles has."""
    return 1 + len(contents_rows(sections)) + count
