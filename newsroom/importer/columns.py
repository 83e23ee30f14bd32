"""The columns archive articles go into: an outlet's column of the title the archive gives, in any Unicode
spelling or case, created (with the outlet) when missing."""

from core.vietnamese import normalize
from newsroom.models import ColumnPage
from newsroom.outlets import ensure_outlet


class Columns:
    """The outlets and columns found or created so far."""

    def __init__(self):
        self.homes = {}
        self.columns = {}

    def get(self, outlet, title):
        key = (outlet, normalize(title).casefold())
        if key not in self.columns:
            home = self.home(outlet)
            self.columns[key] = find_column(home, key[1]) or create_column(home, title)
        return self.columns[key]

    def home(self, outlet):
        if outlet not in self.homes:
            self.homes[outlet] = ensure_outlet(outlet)
        return self.homes[outlet]


def find_column(home, folded_title):
    for column in ColumnPage.objects.child_of(home):
        if normalize(column.title).casefold() == folded_title:
            return column
    return None


def create_column(home, title):
    column = home.add_child(instance=ColumnPage(title=title))
    column.save_revision().publish()
    return column
