from .attempts import Attempt, Entrant
from .contests import QuizPage, QuizPrize, QuizRound, RoundPhase
from .questions import Question, QuestionOption
from .results import CollectiveWinner, Publication, Winner

__all__ = [
    "Attempt",
    "CollectiveWinner",
    "Entrant",
    "Publication",
    "Question",
    "QuestionOption",
    "QuizPage",
    "QuizPrize",
    "QuizRound",
    "RoundPhase",
    "Winner",
]
