from .contests import (
    ContestCategory,
    ContestIndexPage,
    ContestPage,
    ContestPrize,
    FileKind,
    Phase,
    RubricCriterion,
)
from .entries import Entry, RateCounter

__all__ = [
    "ContestCategory",
    "ContestIndexPage",
    "ContestPage",
    "ContestPrize",
    "Entry",
    "FileKind",
    "Phase",
    "RateCounter",
    "RubricCriterion",
]
