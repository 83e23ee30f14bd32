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
    "RateCounter",
    "Recusal",
    "RubricCriterion",
    "ScoreSheet",
]
