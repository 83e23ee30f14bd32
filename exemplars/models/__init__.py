from .columns import ColumnRegistry
from .exemplars import Award, ExemplarPage, ExemplarTag
from .links import ArticleExemplarLink, ArticleMovementLink
from .movements import MovementIndexPage, MovementPage
from .nominations import (
    Commendation,
    Nomination,
    NominationAttachment,
    NominationEvent,
    NominationQuota,
    NominationRound,
    OfficerProfile,
    Status,
)
from .registry import ExemplarIndexPage
from .reminders import NominationReminder
from .units import AchievementField, EmulationCluster, Locality, LocalityFormerName, Unit

__all__ = [
    "AchievementField",
    "ArticleExemplarLink",
    "ArticleMovementLink",
    "Award",
    "ColumnRegistry",
    "Commendation",
    "EmulationCluster",
    "ExemplarIndexPage",
    "ExemplarPage",
    "ExemplarTag",
    "Locality",
    "LocalityFormerName",
    "MovementIndexPage",
    "MovementPage",
    "Nomination",
    "NominationAttachment",
    "NominationEvent",
    "NominationQuota",
    "NominationReminder",
    "NominationRound",
    "OfficerProfile",
    "Status",
    "Unit",
]
