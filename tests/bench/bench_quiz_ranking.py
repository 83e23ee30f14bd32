#!/usr/bin/env python
"""Ranking a knowledge contest's round of 100,000 attempts, and what is worked out with it.

    .venv/bin/python tests/bench/bench_quiz_ranking.py [--attempts 100000] [--entrants 60000] [--units 400]
        [--second-round 50000] [--repeat 2] [--explain] [--quick]
    DATABASE_URL=postgres://user:password@127.0.0.1/newsroom make bench-quiz-ranking BENCH_ARGS=--explain

A throwaway database (a temporary SQLite file, or NAME_bench_quiz_ranking beside the PostgreSQL database that
DATABASE_URL names, dropped afterwards), migrated and set up, gets a knowledge contest with two closed rounds:
ENTRANTS people spread over UNITS units and the province's communes and wards (a few large units, many small
ones), who sent ATTEMPTS attempts in the first round (one to three each) and SECOND_ROUND in the second, with
right answers, predictions and times as people score them, and one attempt in 40 more left unsent. Written in
batches with bulk_create.

Then each is timed REPEAT times: the true answer to the prediction question (all_correct_count), the whole
round's ranking read through (round_ranking, every entrant's best attempt), publishing the round's results
with its 20 prizes (publish_round, undone after each run), the participation per unit over the contest
(participation) and the contest's ranking over both rounds (contest_ranking). --explain prints PostgreSQL's
plans of the ranking's query, of all_correct_count's and of the participation's. Exit status 1 if any figure
takes longer than a minute.
"""

import argparse
import datetime
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# DEBUG off, as in production.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

from tests.bench.bench_import import throwaway_database  # noqa: E402

QUICK = {"attempts": 10_000, "entrants": 6_000, "units": 100, "second_round": 5_000}
QUESTIONS, DRAWN, OPTIONS, MINUTES = 40, 10, 4, 15
BATCH = 5_000
# Prizes of each round: 20 places.
ROUND_PRIZES = [("Giải Nhất", 1), ("Giải Nhì", 2), ("Giải Ba", 3), ("Giải Khuyến khích", 14)]
# How many attempts a person takes, and how often.
ATTEMPTS_TAKEN = {1: 45, 2: 30, 3: 25}
# One attempt in this many is left unsent (time ran out, the tab closed).
UNSENT_ONE_IN = 40
TOO_SLOW_SECONDS = 60


def main():
    options = parse_arguments()
    rng = random.Random(1975)
    with (
        tempfile.TemporaryDirectory(prefix="bench-quiz-ranking-") as workdir,
        throwaway_database(Path(workdir), "bench_quiz_ranking"),
    ):
        import django

        django.setup()
        from django.db import connection

        started = time.perf_counter()
        contest, rounds = make_contest(options, rng)
        print(
            f"{options.entrants} entrants, {options.attempts} + {options.second_round} sent attempts in 2 "
            f"rounds, {options.units} units and the communes, {connection.vendor} "
            f"(made in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        timings, true_counts = time_everything(contest, rounds, options.repeat)
        if options.explain and connection.vendor == "postgresql":
            explain(contest, rounds[0], true_counts[rounds[0].pk])
        connection.close()
    slowest = max(seconds for runs in timings.values() for seconds in runs)
    ok = slowest <= TOO_SLOW_SECONDS
    print(
        f"{'OK' if ok else 'FAILED'}: a round of {options.attempts} attempts ranked in "
        f"{min(timings['round_ranking']):.2f} s, published in {min(timings['publish_round']):.2f} s; slowest "
        f"figure {slowest:.2f} s (limit {TOO_SLOW_SECONDS} s)"
    )
    return 0 if ok else 1


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--attempts", type=int, default=100_000, help="sent attempts in round 1 (default 100000)"
    )
    parser.add_argument("--entrants", type=int, default=60_000, help="people taking part (default 60000)")
    parser.add_argument("--units", type=int, default=400, help="units beside the communes (default 400)")
    parser.add_argument(
        "--second-round", type=int, default=50_000, help="sent attempts in round 2 (default 50000)"
    )
    parser.add_argument("--repeat", type=int, default=2, help="times each figure is measured (default 2)")
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's plans of the main queries")
    parser.add_argument("--quick", action="store_true", help=f"a small run: {QUICK}")
    options = parser.parse_args()
    if options.quick:
        vars(options).update(QUICK)
    return options


def make_contest(options, rng):
    """The contest, its two closed rounds with their questions, the units, the entrants and their attempts."""
    from django.core.management import call_command

    call_command("setup", stdout=io.StringIO())
    contest = new_contest()
    now = datetime.datetime.now(tz=datetime.UTC)
    rounds = [
        new_round(contest, "Tuần 1", closes_at=now - datetime.timedelta(days=8)),
        new_round(contest, "Tuần 2", closes_at=now - datetime.timedelta(days=1)),
    ]
    affiliations = new_affiliations(options.units)
    entrant_pks = new_entrants(contest, options.entrants, affiliations, rng)
    for quiz_round, count in zip(rounds, [options.attempts, options.second_round], strict=True):
        new_attempts(quiz_round, entrant_pks, count, rng)
    analyse()
    return contest, rounds


def analyse():
    """The planner's statistics of the new rows, as autovacuum gathers them a while after a bulk write
    (SQLite's planner, without ANALYZE, is what a site on SQLite runs with)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def new_contest():
    from newsroom.models import Outlet, OutletHomePage
    from quizzes.models import QuizPage, QuizPrize

    home = OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    contest = QuizPage(
        title="Cuộc thi trực tuyến tìm hiểu đo thời gian xếp hạng",
        theme="Tìm hiểu các phong trào thi đua yêu nước",
        rules="<p>Mỗi tuần một vòng thi.</p>",
        eligibility="Mọi công dân.",
    )
    contest.prizes = [
        QuizPrize(scope=QuizPrize.Scope.ROUND, name=name, count=count, sort_order=order)
        for order, (name, count) in enumerate(ROUND_PRIZES)
    ] + [
        QuizPrize(scope=QuizPrize.Scope.CONTEST, name="Giải Đặc biệt", count=1, sort_order=10),
        QuizPrize(scope=QuizPrize.Scope.COLLECTIVE, name="Giải Tập thể", count=5, sort_order=11),
    ]
    home.add_child(instance=contest)
    contest.save_revision().publish()
    return contest


def new_round(contest, name, closes_at):
    from quizzes.models import Question, QuestionOption, QuizRound

    quiz_round = QuizRound.objects.create(
        contest=contest,
        name=name,
        opens_at=closes_at - datetime.timedelta(days=7),
        closes_at=closes_at,
        questions_per_attempt=DRAWN,
        minutes_allowed=MINUTES,
        attempts_per_person=3,
    )
    for number in range(1, QUESTIONS + 1):
        question = Question.objects.create(round=quiz_round, text=f"Câu hỏi số {number} của {name}?")
        QuestionOption.objects.bulk_create(
            QuestionOption(
                question=question, text=f"Phương án {letter}", is_correct=letter == "a", sort_order=i
            )
            for i, letter in enumerate("abcd")
        )
    return quiz_round


def new_affiliations(count):
    """[(unit pk, locality pk)]: `count` units and the present communes and wards."""
    from exemplars.models import Locality, Unit
    from exemplars.sorting import sortable_name

    names = [f"Đơn vị đo thời gian số {number}" for number in range(1, count + 1)]
    units = Unit.objects.bulk_create(
        Unit(name=name, sort_name=sortable_name(name), kind=Unit.Kind.SCHOOL) for name in names
    )
    localities = Locality.objects.present().values_list("pk", flat=True)
    return [(unit.pk, None) for unit in units] + [(None, pk) for pk in localities]


def new_entrants(contest, count, affiliations, rng):
    """The entrants' pks; a few large units and many small ones (Pareto-distributed weights)."""
    from quizzes.models import Entrant

    weights = [rng.paretovariate(1.1) for _ in affiliations]
    chosen = rng.choices(affiliations, weights=weights, k=count)
    born = datetime.date(1960, 1, 1)
    for first in range(0, count, BATCH):
        Entrant.objects.bulk_create(
            Entrant(
                contest=contest,
                phone_key=f"09{number:08d}",
                full_name=f"Người dự thi số {number}",
                birth_date=born + datetime.timedelta(days=number % 16_000),
                unit_id=unit_pk,
                locality_id=locality_pk,
            )
            for number, (unit_pk, locality_pk) in enumerate(chosen[first : first + BATCH], start=first + 1)
        )
    return list(Entrant.objects.filter(contest=contest).values_list("pk", flat=True))


def new_attempts(quiz_round, entrant_pks, sent, rng):
    """`sent` sent attempts by people of `entrant_pks` (one to three each), and one in UNSENT_ONE_IN more left
    unsent."""
    from quizzes.models import Attempt

    question_pks = list(quiz_round.questions.values_list("pk", flat=True))
    planned = planned_attempts(entrant_pks, sent + sent // UNSENT_ONE_IN, rng)
    unsent = set(rng.sample(range(len(planned)), len(planned) - sent))
    batch = []
    for index, (entrant_pk, number) in enumerate(planned):
        batch.append(new_attempt(quiz_round, entrant_pk, number, question_pks, index not in unsent, rng))
        if len(batch) == BATCH:
            Attempt.objects.bulk_create(batch)
            batch = []
    Attempt.objects.bulk_create(batch)


def planned_attempts(entrant_pks, count, rng):
    """(entrant pk, attempt number) for `count` attempts, each person's numbered from 1."""
    people = rng.sample(entrant_pks, len(entrant_pks))
    planned, index = [], 0
    while len(planned) < count:
        entrant_pk = people[index % len(people)]
        taken = rng.choices(list(ATTEMPTS_TAKEN), weights=ATTEMPTS_TAKEN.values())[0]
        planned += [(entrant_pk, number) for number in range(1, taken + 1)]
        index += 1
        if index == len(people):
            sys.exit("Too few entrants for that many attempts (three each at most).")
    return planned[:count]


def new_attempt(quiz_round, entrant_pk, number, question_pks, sent, rng):
    """An attempt as people send them: from half the answers right to all of them (people look answers up:
    many get all right, and the prediction decides), a prediction of a few thousand (or none), a time of a few
    minutes up to the whole time allowed."""
    from quizzes.models import Attempt

    started_at = quiz_round.opens_at + datetime.timedelta(
        seconds=rng.uniform(0, 7 * 24 * 3600 - MINUTES * 60)
    )
    drawn_pks = rng.sample(question_pks, DRAWN)
    drawn = [[pk, [pk * OPTIONS + i for i in rng.sample(range(OPTIONS), OPTIONS)]] for pk in drawn_pks]
    attempt = Attempt(
        round=quiz_round,
        entrant_id=entrant_pk,
        number=number,
        key=f"{quiz_round.pk}-{entrant_pk}-{number}-{rng.getrandbits(64):x}",
        started_at=started_at,
        deadline=started_at + datetime.timedelta(minutes=MINUTES),
        drawn=drawn,
        question_count=DRAWN,
    )
    if sent:
        knowledge = rng.choice([0.5, 0.65, 0.8, 0.9, 0.97])
        duration_ms = int(min(MINUTES * 60_000, rng.lognormvariate(12.3, 0.5)))
        attempt.correct_count = sum(rng.random() < knowledge for _ in range(DRAWN))
        attempt.answers = [[options[0]] for _, options in drawn]
        attempt.prediction = None if rng.random() < 0.05 else int(rng.lognormvariate(8.5, 1.0))
        attempt.duration_ms = duration_ms
        attempt.submitted_at = started_at + datetime.timedelta(milliseconds=duration_ms)
    return attempt


def time_everything(contest, rounds, repeat):
    from django.contrib.auth.models import User
    from django.db import transaction

    from quizzes.publication import publish_round
    from quizzes.ranking import all_correct_count, contest_ranking, participation, round_ranking

    organiser = User.objects.create_user("bench.organiser")
    first = rounds[0]
    true_counts = {quiz_round.pk: all_correct_count(quiz_round) for quiz_round in rounds}

    def read_ranking():
        return sum(1 for _ in round_ranking(first, true_counts[first.pk]).iterator(chunk_size=BATCH))

    def publish():
        with transaction.atomic():
            publication = publish_round(first, organiser)
            winners = publication.winners.count()
            transaction.set_rollback(True)  # undone, so that the next run publishes again
        return winners

    figures = [
        ("all_correct_count", lambda: all_correct_count(first), "entrants with every answer right"),
        ("round_ranking", read_ranking, "entrants ranked, read through"),
        ("publish_round", publish, "winners"),
        ("participation", lambda: len(participation(contest)), "units and communes counted"),
        (
            "contest_ranking",
            lambda: len(contest_ranking([(r, true_counts[r.pk]) for r in rounds])),
            "entrants ranked over 2 rounds",
        ),
    ]
    timings = {}
    for name, call, what in figures:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            result = call()
            runs.append(time.perf_counter() - started)
        timings[name] = runs
        shown = "  ".join(f"{seconds:7.2f} s" for seconds in runs)
        print(f"  {name:<18}{shown}   {result:>7} {what}", flush=True)
    return timings, true_counts


def explain(contest, quiz_round, true_count):
    """PostgreSQL's plans, as run: the ranking's query, and the slowest query of the figures that read the
    whole round."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quizzes.ranking import all_correct_count, participation, round_ranking

    # QuerySet.explain() cannot wrap a query filtered on a window function: its SQL is explained as it is.
    print_plan("round_ranking", *round_ranking(quiz_round, true_count).query.sql_with_params())
    for name, call in [
        ("all_correct_count", lambda: all_correct_count(quiz_round)),
        ("participation", lambda: participation(contest)),
    ]:
        with CaptureQueriesContext(connection) as queries:
            call()
        print_plan(name, max(queries.captured_queries, key=lambda query: float(query["time"]))["sql"])


def print_plan(name, sql, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print(f"\n{name}:")
        print("\n".join(row for (row,) in cursor.fetchall()))


if __name__ == "__main__":
    sys.exit(main())
