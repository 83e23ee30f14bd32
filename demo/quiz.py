"""The demo's knowledge contest on the newspaper (data/quiz.json), dated from the load: announced weeks before it,
its first round closed a week ago with its results published, its second round open for four more weeks, so that
whoever tries the demo can take an attempt and read the first round's winners. The whole contest's results wait
for the second round.

The first round's entrants are made up from the data file's names by a seeded draw, so that every load makes the
same people with the same scores; their phone numbers (0900 000 001 on) are valid in form and nobody's. Their
attempts are written as they would have been sent, in two bulk inserts, then the round is published as the
organisers publish it (quizzes.publication).
"""

import datetime
import random
import secrets

from django.db.models import OuterRef, Subquery

from exemplars.models import Locality, Unit
from quizzes.models import (
    Attempt,
    Entrant,
    Publication,
    Question,
    QuestionOption,
    QuizPage,
    QuizPrize,
    QuizRound,
)
from quizzes.publication import publish_round

from .data import read_json
from .dating import add_published_child, days_before

DATA_FILE = "quiz.json"
# Some entrants run out of time before typing their prediction.
NO_PREDICTION_ONE_IN = 8
# Most people take part in a round's last day; the others at any time before.
LAST_DAY = datetime.timedelta(days=1)
SHARE_ON_THE_LAST_DAY = 0.4
# A person who tries again does so a few minutes to a few hours after their last attempt.
PAUSE_MINUTES = (3, 300)


def load_quiz(home, pictures, today):
    """The contest under `home` with its rounds and questions, the first round's attempts and its published
    results, each made where missing. `pictures`: {key: image} (demo.pictures)."""
    data = read_json(DATA_FILE)
    quiz = QuizPage.objects.child_of(home).filter(title=data["contest"]["title"]).first()
    if quiz is None:
        quiz = add_quiz(home, data, pictures, today)
    for spec in data["rounds"]:
        quiz_round = ensure_round(quiz, spec, today)
        if "entrants" in spec and not quiz_round.attempts.exists():
            take_part(quiz_round, spec["entrants"])
        if "published" in spec and not Publication.objects.filter(round=quiz_round).exists():
            publish(quiz_round, on_day(today, *spec["published"]))


def on_day(today, offset, clock):
    """`clock` ("HH:MM", the province's time) `offset` days after `today` (before it when negative)."""
    return days_before(today, -offset, clock)


def add_quiz(home, data, pictures, today):
    spec = data["contest"]
    fields = {key: value for key, value in spec.items() if key not in ("published", "picture")}
    quiz = QuizPage(**fields, lead_image=pictures[spec["picture"]])
    # Orderables made in code keep the order they are given only with a sort order of their own.
    quiz.prizes = [QuizPrize(**prize, sort_order=order) for order, prize in enumerate(data["prizes"])]
    return add_published_child(home, quiz, on_day(today, *spec["published"]))


def ensure_round(quiz, spec, today):
    quiz_round, _created = QuizRound.objects.get_or_create(
        contest=quiz,
        name=spec["name"],
        defaults={
            "opens_at": on_day(today, *spec["opens"]),
            "closes_at": on_day(today, *spec["closes"]),
            "questions_per_attempt": spec["questions_per_attempt"],
            "minutes_allowed": spec["minutes_allowed"],
            "attempts_per_person": spec["attempts_per_person"],
        },
    )
    if not quiz_round.questions.exists():
        add_questions(quiz_round, spec["questions"])
    return quiz_round


def add_questions(quiz_round, specs):
    questions = Question.objects.bulk_create(
        Question(round=quiz_round, text=spec["text"], kind=spec["kind"]) for spec in specs
    )
    QuestionOption.objects.bulk_create(
        QuestionOption(
            question=question, text=option["text"], is_correct=option.get("right", False), sort_order=order
        )
        for question, spec in zip(questions, specs, strict=True)
        for order, option in enumerate(spec["options"])
    )


def take_part(quiz_round, spec):
    """The round's entrants, each with one to three sent attempts, drawn from `spec`'s seed."""
    draw = random.Random(spec["seed"])
    entrants = ensure_entrants(quiz_round.contest, spec, draw)
    bank = question_bank(quiz_round)
    Attempt.objects.bulk_create(
        attempt for entrant in entrants for attempt in attempts_of(entrant, quiz_round, bank, spec, draw)
    )
    # An entrant's first attempt is when they registered, not the load's moment that bulk_create gave them.
    first_start = (
        Attempt.objects.filter(entrant=OuterRef("pk")).order_by("started_at").values("started_at")[:1]
    )
    Entrant.objects.filter(pk__in=[entrant.pk for entrant in entrants]).update(
        registered_at=Subquery(first_start)
    )


def ensure_entrants(quiz, spec, draw):
    """The entrants the data file makes, those already in the contest kept; every draw is made either way, so
    that the attempts drawn after are the same."""
    people = list(made_up_people(quiz, spec, draw))
    phones = [person.phone_key for person in people]
    existing = set(
        Entrant.objects.filter(contest=quiz, phone_key__in=phones).values_list("phone_key", flat=True)
    )
    Entrant.objects.bulk_create(person for person in people if person.phone_key not in existing)
    # In the order of their numbers, as drawn: the attempts are drawn for them in this order.
    return list(Entrant.objects.filter(contest=quiz, phone_key__in=phones).order_by("phone_key"))


def made_up_people(quiz, spec, draw):
    """Unsaved entrants: a name, a birth date, a phone number and a unit or commune each."""
    affiliations = []
    for row in spec["affiliations"]:
        affiliations += [affiliation(row)] * row["entrants"]
    names = made_up_names(spec, draw, len(affiliations))
    first_year, last_year = spec["born_between"]
    for number, ((unit, locality), name) in enumerate(zip(affiliations, names, strict=True), start=1):
        born = datetime.date(draw.randint(first_year, last_year), draw.randint(1, 12), draw.randint(1, 28))
        yield Entrant(
            contest=quiz,
            phone_key=f"{spec['phone_prefix']}{number:02d}",
            full_name=name,
            birth_date=born,
            unit=unit,
            locality=locality,
        )


def affiliation(row):
    """(unit, None) or (None, commune) for a row of the data file."""
    if "unit" in row:
        return Unit.objects.get(name=row["unit"]), None
    return None, Locality.objects.present().get(name=row["locality"])


def made_up_names(spec, draw, count):
    """`count` different names: the highland names spread among Kinh names of women and men."""
    highland = list(spec["highland_names"])
    every = max(1, count // max(1, len(highland)))
    names = []
    while len(names) < count:
        if highland and len(names) % every == every - 1:
            name = highland.pop(0)
        else:
            people = spec["women"] if len(names) % 2 == 0 else spec["men"]
            name = " ".join(
                (
                    draw.choice(spec["family_names"]),
                    draw.choice(people["middle_names"]),
                    draw.choice(people["given_names"]),
                )
            )
        if name not in names:
            names.append(name)
    return names


def question_bank(quiz_round):
    """{question pk: ([right option pks], [wrong option pks])}."""
    bank = {}
    for question_pk, option_pk, right in QuestionOption.objects.filter(
        question__round=quiz_round
    ).values_list("question_id", "pk", "is_correct"):
        bank.setdefault(question_pk, ([], []))[0 if right else 1].append(option_pk)
    return bank


def weighted(draw, weights):
    """A key of `weights` ({"10": 6, ...}), as an int, drawn in proportion to its weight."""
    return int(draw.choices(list(weights), weights=list(weights.values()))[0])


def attempts_of(entrant, quiz_round, bank, spec, draw):
    """The entrant's sent attempts, numbered in the order they were started, each of a drawn score."""
    latest_start = quiz_round.closes_at - quiz_round.time_allowed
    starts = sorted(
        start_moment(quiz_round, latest_start, draw) for _ in range(weighted(draw, spec["attempt_weights"]))
    )
    free_from = quiz_round.opens_at
    for number, drawn_start in enumerate(starts, start=1):
        start = max(drawn_start, free_from)
        if start > latest_start:
            break
        attempt = sent_attempt(entrant, quiz_round, number, start, bank, spec, draw)
        free_from = attempt.submitted_at + datetime.timedelta(minutes=draw.randint(*PAUSE_MINUTES))
        yield attempt


def start_moment(quiz_round, latest_start, draw):
    """A moment within the round, more often in its last day."""
    earliest = latest_start - LAST_DAY if draw.random() < SHARE_ON_THE_LAST_DAY else quiz_round.opens_at
    return earliest + (latest_start - earliest) * draw.random()


def sent_attempt(entrant, quiz_round, number, started_at, bank, spec, draw):
    count = quiz_round.questions_per_attempt
    correct = min(weighted(draw, spec["correct_weights"]), count)
    drawn = [
        [pk, draw.sample(right + wrong, len(right + wrong))]
        for pk, (right, wrong) in draw_questions(bank, count, draw)
    ]
    right_positions = set(draw.sample(range(count), correct))
    answers = [
        bank[pk][0] if position in right_positions else bank[pk][1][:1]
        for position, (pk, _shown) in enumerate(drawn)
    ]
    duration_ms = draw.randint(spec["seconds_between"][0] * 1000, spec["seconds_between"][1] * 1000)
    low, high = spec["predictions_between"]
    return Attempt(
        round=quiz_round,
        entrant=entrant,
        number=number,
        key=secrets.token_urlsafe(32),
        started_at=started_at,
        deadline=min(started_at + quiz_round.time_allowed, quiz_round.closes_at),
        drawn=drawn,
        answers=answers,
        prediction=None if draw.randrange(NO_PREDICTION_ONE_IN) == 0 else draw.randint(low, high),
        submitted_at=started_at + datetime.timedelta(milliseconds=duration_ms),
        correct_count=correct,
        question_count=count,
        duration_ms=duration_ms,
    )


def draw_questions(bank, count, draw):
    return [(pk, bank[pk]) for pk in draw.sample(sorted(bank), count)]


def publish(quiz_round, published_at):
    """The round's results as its organisers publish them, dated when the data file says they were."""
    publication = publish_round(quiz_round, user=None, now=published_at)
    Publication.objects.filter(pk=publication.pk).update(published_at=published_at)
