"""Drawing an attempt's questions from its round's bank, each with its options in an order of its own."""

import secrets
from collections import defaultdict

from .models import QuestionOption

# The operating system's randomness: a draw must not be foreseeable from earlier ones.
RANDOM = secrets.SystemRandom()


def draw(question_pks, count):
    """[[question pk, [option pks in the order shown]], ...] for `count` questions of `question_pks`."""
    chosen = RANDOM.sample(list(question_pks), count)
    options = defaultdict(list)
    for question_pk, option_pk in QuestionOption.objects.filter(question__in=chosen).values_list(
        "question_id", "pk"
    ):
        options[question_pk].append(option_pk)
    drawn = []
    for question_pk in chosen:
        shown = options[question_pk]
        RANDOM.shuffle(shown)
        drawn.append([question_pk, shown])
    return drawn
