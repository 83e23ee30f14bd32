"""The way of a nomination, as an explicit state machine: which step leads where, and who may take it.

    draft ──submit──▶ submitted ──start──▶ under appraisal ──propose──▶ proposed ──refer──▶ referred
      ▲                  │                   │    │                       │    │              │   │
      └──(fix)─ returned ◀──────return───────┘    └───────decline─────────┼────┤        approve decline
                  │                                                    approve decline   (chairman's office)
                  └──submit (resubmission)──▶ submitted              (reviewers)

Only the unit's officers submit; only the Department's reviewers take the appraisal steps and decide what
they did not refer; only the chairman's office decides what was referred (province-wide influence).
Every step is recorded as a `NominationEvent`; the unit is emailed when its nomination is returned or decided.
A sudden deed (no round) is submitted at any time and, once submitted, is due for appraisal by a deadline of its
own (exemplars.sudden_deeds); the Department's own filing of one is submitted as it is filed (exemplars.filing).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import Nomination, NominationEvent, Status
from .notifications import notify_editors_of_draft, notify_unit_of_decision, notify_unit_of_return
from .praise import create_exemplar_draft
from .roles import is_chairman_office, is_reviewer, officer_unit_id
from .sudden_deeds import appraisal_due

# Whose step a nomination waits for: the Department's reviewers take the next one in these statuses, the
# chairman's office decides what was referred to him (the unit's officers act on drafts and returned ones).
AWAITING_DEPARTMENT = (Status.SUBMITTED, Status.UNDER_APPRAISAL, Status.PROPOSED)
AWAITING_CHAIRMAN = (Status.REFERRED,)


class StepRefused(Exception):
    """A step that cannot be taken now; the message says why, for the person who tried."""


def is_unit_officer(user, nomination):
    return user.is_active and officer_unit_id(user) == nomination.unit_id


def is_department_reviewer(user, nomination):
    return is_reviewer(user)


def may_decide(user, nomination):
    """The chairman decides what was referred to him; the Department decides the rest."""
    if nomination.status in AWAITING_CHAIRMAN:
        return is_chairman_office(user)
    return is_reviewer(user)


def is_appraisal_overdue(nomination, now=None):
    """A sudden deed the Department has not decided nor referred by its fast track's deadline."""
    return bool(
        nomination.appraisal_due_at
        and nomination.status in AWAITING_DEPARTMENT
        and nomination.appraisal_due_at <= (now or timezone.now())
    )


def first_submission_in_open_round(nomination, now):
    """A first submission needs the round open; a returned nomination may be resubmitted after it closes,
    since the Department asked for the revision. A sudden deed has no round: it is submitted at any time."""
    if nomination.is_fast_track:
        return None
    if nomination.status == Status.DRAFT and not nomination.round.is_open(now):
        return _("The round “%(round)s” is closed: nominations can no longer be submitted.") % {
            "round": nomination.round
        }
    return None


def no_guard(nomination, now):
    return None


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset
    target: str
    may: Callable
    guard: Callable = no_guard
    needs_note: bool = False
    needs_decision: bool = False


STEPS = {
    step.name: step
    for step in [
        Step(
            "submit",
            gettext_lazy("Submit to the Department"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            is_unit_officer,
            guard=first_submission_in_open_round,
        ),
        Step(
            "start_appraisal",
            gettext_lazy("Start appraisal"),
            frozenset({Status.SUBMITTED}),
            Status.UNDER_APPRAISAL,
            is_department_reviewer,
        ),
        Step(
            "return",
            gettext_lazy("Return for revision"),
            frozenset({Status.SUBMITTED, Status.UNDER_APPRAISAL}),
            Status.RETURNED,
            is_department_reviewer,
            needs_note=True,
        ),
        Step(
            "propose",
            gettext_lazy("Propose for commendation"),
            frozenset({Status.UNDER_APPRAISAL}),
            Status.PROPOSED,
            is_department_reviewer,
        ),
        Step(
            "refer",
            gettext_lazy("Refer to the chairman (province-wide influence)"),
            frozenset({Status.PROPOSED}),
            Status.REFERRED,
            is_department_reviewer,
        ),
        Step(
            "approve",
            pgettext_lazy("nomination", "Approve"),
            frozenset({Status.PROPOSED, Status.REFERRED}),
            Status.APPROVED,
            may_decide,
            needs_decision=True,
        ),
        Step(
            "decline",
            gettext_lazy("Decline"),
            frozenset({Status.UNDER_APPRAISAL, Status.PROPOSED, Status.REFERRED}),
            Status.DECLINED,
            may_decide,
            needs_note=True,
        ),
    ]
}


def available_steps(nomination, user):
    """The steps `user` may take on `nomination` as it stands (the guard is checked when taken)."""
    return [
        step for step in STEPS.values() if nomination.status in step.sources and step.may(user, nomination)
    ]


def take_step(nomination_pk, step_name, user, note="", decision_number="", decision_date=None, now=None):
    """Move the nomination by one step, under a row lock so two people cannot move it at once."""
    step = STEPS[step_name]
    now = now or timezone.now()
    with transaction.atomic():
        # Only the nomination's row is locked: PostgreSQL locks no row of a LEFT JOIN's nullable side (a sudden
        # deed has no round), and a round's row needs none.
        nomination = (
            Nomination.objects.select_for_update(of=("self",)).select_related("round").get(pk=nomination_pk)
        )
        check_step(step, nomination, user, now, note, decision_number, decision_date)
        event = record_step(step, nomination, user, now, note, decision_number, decision_date)
        apply_effects(step, nomination, user)
    return event


def check_step(step, nomination, user, now, note, decision_number, decision_date):
    if not step.may(user, nomination):
        raise PermissionDenied(_("You may not take this step on this nomination."))
    if nomination.status not in step.sources:
        raise StepRefused(
            _("“%(step)s” is not possible while the nomination is “%(status)s”.")
            % {"step": step.label, "status": nomination.get_status_display()}
        )
    refusal = step.guard(nomination, now)
    if refusal:
        raise StepRefused(refusal)
    if step.needs_note and not note.strip():
        raise StepRefused(_("Give the reason: the unit will read it."))
    if step.needs_decision and not (decision_number.strip() and decision_date):
        raise StepRefused(_("Give the decision number and date."))


def record_step(step, nomination, user, now, note, decision_number, decision_date):
    from_status = nomination.status
    nomination.status = step.target
    update_fields = ["status", "updated_at"]
    if step.target == Status.SUBMITTED and nomination.is_fast_track:
        nomination.appraisal_due_at = appraisal_due(now)
        update_fields.append("appraisal_due_at")
    if step.target in (Status.APPROVED, Status.DECLINED):
        nomination.decision_number = decision_number.strip()
        nomination.decision_date = decision_date or timezone.localdate(now)
        update_fields += ["decision_number", "decision_date"]
    nomination.save(update_fields=update_fields)
    return NominationEvent.objects.create(
        nomination=nomination,
        actor=user,
        at=now,
        from_status=from_status,
        to_status=step.target,
        note=note.strip(),
    )


def apply_effects(step, nomination, user):
    """Prompt praise on approval; emails queued with the step (core.outbox), so sent only if it commits."""
    if step.target == Status.RETURNED:
        notify_unit_of_return(nomination)
    elif step.target == Status.APPROVED:
        exemplar = create_exemplar_draft(nomination, user)
        notify_unit_of_decision(nomination)
        notify_editors_of_draft(exemplar)
    elif step.target == Status.DECLINED:
        notify_unit_of_decision(nomination)
