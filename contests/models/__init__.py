from .contests import (
    ContestCategory,
    ContestIndexPage,
    ContestPage,
    ContestPrize,
    FileKind,
    Phase,
    RubricCriterion,
)
from .entries import Entry
from .judging import CriterionScore, JudgeAssignment, Judging, PrizeAward, Recusal, ScoreSheet

__all__ = [
    "ContestCategory",
    "ContestIndexPage",
    "ContestPage",
    "ContestPrize",
    "CriterionScore",
    "Entry",
    "FileKind",
    "JudgeAssignment",
    "Judging",
    "Phase",
    "PrizeAward",
    "Recusal",
    "RubricCriterion",
    "ScoreSheet",
]
