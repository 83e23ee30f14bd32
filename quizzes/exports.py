"""The organisers' spreadsheets: a round's full ranking for the prize ceremony, and the participation per unit for
the Department. Names and units are what entrants typed or chose: no cell runs as a formula (core.spreadsheets),
and the file leaves as a private download."""

from django.utils.translation import gettext as _

from core.dates import LOCAL_TIME_ZONE
from core.spreadsheets import FormulaSafeSpreadsheetMixin
from core.vietnamese import slugify

from .ranking import participation, round_ranking


def local_time(moment):
    """The province's clock, without a zone: what a spreadsheet cell shows."""
    return moment.astimezone(LOCAL_TIME_ZONE).replace(tzinfo=None)


class QuizSpreadsheet(FormulaSafeSpreadsheetMixin):
    """A subclass lists `columns()` as (field, heading) pairs, yields `rows()` as dicts and names its file."""

    def __init__(self):
        self.export_headings = dict(self.columns())
        self.list_export = list(self.export_headings)

    def to_row_dict(self, item):
        return {field: item.get(field) for field in self.list_export}

    def as_spreadsheet(self, spreadsheet_format):
        # Made now, in the admin user's language: a streamed CSV would be written after the view has returned.
        return super().as_spreadsheet(list(self.rows()), spreadsheet_format)


class RoundRankingExport(QuizSpreadsheet):
    """Every entrant of the round by their best attempt, best first, with what the organisers need to reach them."""

    def __init__(self, quiz_round, true_count):
        self.round, self.true_count = quiz_round, true_count
        super().__init__()

    def get_filename(self):
        return f"xep-hang-{self.round.contest.slug}-{slugify(self.round.name)}"

    def columns(self):
        return [
            ("rank", _("Rank")),
            ("full_name", _("Full name")),
            ("birth_date", _("Date of birth")),
            ("phone", _("Phone")),
            ("id_number", _("ID number")),
            ("affiliation", _("Unit or commune")),
            ("correct_count", _("Right answers")),
            ("question_count", _("Questions drawn")),
            ("prediction", _("Prediction")),
            ("prediction_error", _("Prediction off by")),
            ("seconds", _("Time taken (seconds)")),
            ("submitted_at", _("Sent at")),
            ("number", _("Attempt number")),
        ]

    def rows(self):
        ranked = round_ranking(self.round, self.true_count).select_related(
            "entrant__unit", "entrant__locality"
        )
        for rank, attempt in enumerate(ranked.iterator(chunk_size=2000), start=1):
            entrant = attempt.entrant
            yield {
                "rank": rank,
                "full_name": entrant.full_name,
                "birth_date": entrant.birth_date,
                "phone": entrant.phone_key,
                "id_number": entrant.id_number,
                "affiliation": str(entrant.affiliation),
                "correct_count": attempt.correct_count,
                "question_count": attempt.question_count,
                "prediction": attempt.prediction,
                "prediction_error": attempt.prediction_error if attempt.prediction is not None else None,
                "seconds": round(attempt.duration_ms / 1000, 1),
                "submitted_at": local_time(attempt.submitted_at),
                "number": attempt.number,
            }


class ParticipationExport(QuizSpreadsheet):
    """How many people of each unit (or commune) took part, in the whole contest or one round."""

    def __init__(self, contest, quiz_round=None):
        self.contest, self.round = contest, quiz_round
        super().__init__()

    def get_filename(self):
        scope = f"-{slugify(self.round.name)}" if self.round else ""
        return f"tham-gia-{self.contest.slug}{scope}"

    def columns(self):
        return [
            ("rank", _("Rank")),
            ("name", _("Unit or commune")),
            ("kind", _("Kind")),
            ("participants", _("Participants")),
            ("attempts", _("Attempts sent")),
        ]

    def rows(self):
        for rank, count in enumerate(participation(self.contest, self.round), start=1):
            yield {
                "rank": rank,
                "name": count.name,
                "kind": _("Unit") if count.unit_id else _("Commune or ward"),
                "participants": count.participants,
                "attempts": count.attempts,
            }
