"""Taking an attempt: starting one within the person's allowance, and sending it before its deadline.

A start locks the entrant's row, so two starts by one person (two tabs, a double tap) are counted one after the
other, while different people never wait for each other; the unique attempt number holds the allowance even so.
A send writes its score only to an attempt not sent yet, in one conditional UPDATE: a replayed or doubled send is
scored once, and the answer to it says so.
"""

import dataclasses
import datetime
import secrets

from django.db import transaction

from core.dates import time_and_date

from .drawing import draw, question_bank
from .models import Attempt, Entrant, QuestionOption, RoundPhase
from .phones import masked

# The page's own timer sends the answers at zero; on a phone network the request may arrive seconds later.
SENDING_GRACE = datetime.timedelta(seconds=15)
# An attempt that could not last this long before the round closes is not started.
SHORTEST_ATTEMPT = datetime.timedelta(minutes=1)


class AttemptRefused(Exception):
    """The attempt cannot be started or sent; the message tells the entrant why, in Vietnamese."""


@dataclasses.dataclass(frozen=True)
class EntrantDetails:
    full_name: str
    birth_date: datetime.date
    phone_key: str
    unit: object = None
    locality: object = None
    id_number: str = ""


def start_attempt(quiz_round, details, now):
    """A new attempt at `quiz_round` for the person, drawn and timed from `now`; raises AttemptRefused."""
    refuse_unless_open(quiz_round, now)
    bank = question_bank(quiz_round)
    if len(bank) < quiz_round.questions_per_attempt:
        raise AttemptRefused("Vòng thi chưa sẵn sàng. Vui lòng quay lại sau ít phút.")
    deadline = attempt_deadline(quiz_round, now)
    if deadline - now < SHORTEST_ATTEMPT:
        raise AttemptRefused(
            f"{quiz_round.name} kết thúc lúc {time_and_date(quiz_round.closes_at)}: không còn đủ thời gian làm bài."
        )
    with transaction.atomic():
        entrant = _locked_entrant(quiz_round.contest_id, details)
        taken = Attempt.objects.filter(round=quiz_round, entrant=entrant).count()
        if taken >= quiz_round.attempts_per_person:
            raise AttemptRefused(
                f"Số điện thoại {masked(details.phone_key)} đã dự thi đủ {quiz_round.attempts_per_person} lần, "
                "mức tối đa mỗi người ở vòng thi này."
            )
        return Attempt.objects.create(
            round=quiz_round,
            entrant=entrant,
            number=taken + 1,
            key=secrets.token_urlsafe(32),
            started_at=now,
            deadline=deadline,
            drawn=draw(bank, quiz_round.questions_per_attempt),
            question_count=quiz_round.questions_per_attempt,
        )


def attempt_deadline(quiz_round, now):
    """The time allowed from `now`, but sending in its grace must still arrive before the round closes: no
    answer is taken after the close. The page counts down to this."""
    return min(now + quiz_round.time_allowed, quiz_round.closes_at - SENDING_GRACE)


def refuse_unless_open(quiz_round, now):
    phase = quiz_round.phase(now)
    if phase == RoundPhase.UPCOMING:
        raise AttemptRefused(f"{quiz_round.name} chưa mở: bắt đầu lúc {time_and_date(quiz_round.opens_at)}.")
    if phase == RoundPhase.CLOSED:
        raise AttemptRefused(f"{quiz_round.name} đã kết thúc lúc {time_and_date(quiz_round.closes_at)}.")


def _locked_entrant(contest_pk, details):
    """The contest's entrant with this phone, created or brought up to date with the details given, and locked
    until the transaction ends."""
    fields = {field.name: getattr(details, field.name) for field in dataclasses.fields(details)}
    given = Entrant(contest_id=contest_pk, **fields)
    # One statement for a new person and a returning one alike (INSERT ... ON CONFLICT DO NOTHING), then the row.
    Entrant.objects.bulk_create([given], ignore_conflicts=True)
    entrant = Entrant.objects.select_for_update().get(contest_id=contest_pk, phone_key=given.phone_key)
    # Compared by their columns (unit_id, not the unit), so that no unit or commune is read for it.
    columns = [Entrant._meta.get_field(name).attname for name in fields if name != "phone_key"]
    changed = [column for column in columns if getattr(entrant, column) != getattr(given, column)]
    if changed:
        # A person may correct their name or change unit between attempts: the last details given count.
        for column in changed:
            setattr(entrant, column, getattr(given, column))
        entrant.save(update_fields=changed)
    return entrant


@dataclasses.dataclass(frozen=True)
class Sent:
    attempt: Attempt
    replayed: bool


def submit_attempt(key, chosen, prediction, now):
    """Score the attempt with `chosen` ([[option pks], ...] in the order drawn) and the prediction.

    Sent(attempt, replayed=True) when it had been sent already: the first send stands. Raises AttemptRefused
    after the deadline, and Attempt.DoesNotExist for a key that is nobody's.
    """
    # Its round and entrant are read with it for the page that follows.
    attempt = Attempt.objects.select_related("round", "entrant").get(key=key)
    if attempt.is_submitted:
        return Sent(attempt, replayed=True)
    if now >= attempt.deadline + SENDING_GRACE:
        raise AttemptRefused(
            f"Đã hết thời gian làm bài lúc {time_and_date(attempt.deadline)}: "
            "bài gửi sau thời điểm này không được tính."
        )
    scored = {
        "answers": chosen,
        "prediction": prediction,
        "submitted_at": now,
        "correct_count": count_correct(attempt.drawn, chosen),
        "duration_ms": _milliseconds(min(now, attempt.deadline) - attempt.started_at),
    }
    # Written only if no send was written meanwhile: the database checks the condition again on the row another
    # send has just updated (the second UPDATE waits for the first), so a doubled send is scored once.
    if not Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(**scored):
        return Sent(Attempt.objects.select_related("round", "entrant").get(pk=attempt.pk), replayed=True)
    for name, value in scored.items():
        setattr(attempt, name, value)
    return Sent(attempt, replayed=False)


def count_correct(drawn, chosen):
    """How many drawn questions were answered with exactly their right options."""
    right = right_options([question_pk for question_pk, _ in drawn])
    return sum(
        1 for (question_pk, _), picked in zip(drawn, chosen, strict=True) if set(picked) == right[question_pk]
    )


def right_options(question_pks):
    """{question pk: {right option pks}}."""
    right = {question_pk: set() for question_pk in question_pks}
    for question_pk, option_pk in QuestionOption.objects.filter(
        question__in=question_pks, is_correct=True
    ).values_list("question_id", "pk"):
        right[question_pk].add(option_pk)
    return right


def _milliseconds(duration):
    return max(0, round(duration.total_seconds() * 1000))
