"""The demo's nomination round, open now, and nominations in every state of the appraisal
(data/nominations.json), filed by the demo's unit officers and moved on by its reviewer. The sudden deeds among
them are filed outside the round, as sudden deeds are. A nomination names its movement by the start of its
title, as the demo's profiles do (demo.registry)."""

import datetime

from django.utils import timezone

from exemplars.appraisal import take_step
from exemplars.filing import file_nomination
from exemplars.models import AchievementField, MovementPage, Nomination, NominationRound, Unit

from .data import read_json

# Open for a week already and two more months, so whoever runs the demo can file straight away.
OPEN_SINCE = datetime.timedelta(days=7)
OPEN_FOR = datetime.timedelta(days=60)


def ensure_round():
    spec = read_json("nominations.json")["round"]
    now = timezone.now()
    return NominationRound.objects.get_or_create(
        title=spec["title"],
        defaults={"opens_at": now - OPEN_SINCE, "closes_at": now + OPEN_FOR, "note": spec["note"]},
    )[0]


def load_nominations(nomination_round, logins):
    """The nominations, filed once: `logins` ({role: [users]}) gives the unit officers and the reviewer."""
    if nomination_round.nominations.exists():
        return
    data = read_json("nominations.json")
    officers = {officer.officer_profile.unit.name: officer for officer in logins["unit_officer"]}
    reviewer = logins["nomination_reviewer"][0]
    for spec in data["nominations"]:
        file_demo_nomination(nomination_round, officers[spec["unit"]], reviewer, data, spec)


def file_demo_nomination(nomination_round, officer, reviewer, data, spec):
    is_sudden_deed = spec.get("is_sudden_deed", False)
    nomination = Nomination(
        round=None if is_sudden_deed else nomination_round,
        unit=Unit.objects.get(name=spec["unit"]),
        subject_kind=spec["subject_kind"],
        name=spec["name"],
        position=spec["position"],
        movement=demo_movement(spec.get("movement")),
        achievements_summary=spec["achievements_summary"],
        proposed_commendation=spec["proposed_commendation"],
        contact_person=data["contact_person"],
        contact_phone=data["contact_phone"],
        created_by=officer,
        is_new_factor=spec.get("is_new_factor", False),
        is_sudden_deed=is_sudden_deed,
    )
    file_nomination(nomination, lambda: nomination.save() or nomination, officer)
    nomination.achievement_fields.set(AchievementField.objects.filter(code__in=spec["achievement_fields"]))
    for step in spec["steps"]:
        decision = (
            {"decision_number": data["decision_number"], "decision_date": timezone.localdate()}
            if step["step"] == "approve"
            else {}
        )
        actor = officer if step["step"] == "submit" else reviewer
        take_step(nomination.pk, step["step"], actor, note=step["note"], **decision)


def demo_movement(title_start):
    if not title_start:
        return None
    return MovementPage.objects.filter(alias_of__isnull=True, title__startswith=title_start).first()
