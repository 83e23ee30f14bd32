"""Drawing an attempt's questions from its round's bank, each with its options in an order of its own."""

import secrets

from .models import Question

# The operating system's randomness: a draw must not be foreseeable from earlier ones.
RANDOM = secrets.SystemRandom()


def question_bank(quiz_round):
    """{question pk: [option pks]} of the round's questions, in one query."""
    bank = {}
    rows = Question.objects.filter(round=quiz_round).order_by().values_list("pk", "options__pk")
    for question_pk, option_pk in rows:
        options = bank.setdefault(question_pk, [])
        if option_pk is not None:
            options.append(option_pk)
    return bank


def draw(bank, count):
    """[[question pk, [option pks in the order shown]], ...] for `count` questions of the bank
    ({question pk: [option pks]})."""
    drawn = []
    for question_pk in RANDOM.sample(sorted(bank), count):
        shown = list(bank[question_pk])
        RANDOM.shuffle(shown)
        drawn.append([question_pk, shown])
    return drawn
