"""Prompt praise: an approved nomination becomes, at once, a draft profile in the registry for the editors.

Only the public part of the nomination is copied: never the contact person, phone, ID number or address.
"""

from django.utils.html import escape, linebreaks

from .models import Award, ExemplarIndexPage, ExemplarPage

DECIDING_AUTHORITY = "Chủ tịch UBND tỉnh Đắk Lắk"
SUMMARY_LENGTH = 600


def create_exemplar_draft(nomination, user):
    """A draft `ExemplarPage` under the canonical registry, linked back from the nomination."""
    registry = ExemplarIndexPage.objects.get(alias_of__isnull=True)
    exemplar = ExemplarPage(
        title=nomination.name,
        live=False,
        owner=user,
        subject_kind=nomination.subject_kind,
        position=nomination.position,
        unit=nomination.unit,
        summary=nomination.achievements_summary[:SUMMARY_LENGTH],
        achievements=achievement_blocks(nomination),
        is_new_factor=nomination.is_new_factor,
        is_sudden_deed=nomination.is_sudden_deed,
        year=nomination.decision_date.year,
    )
    exemplar.achievement_fields = list(nomination.achievement_fields.all())
    exemplar.movements = [nomination.movement] if nomination.movement_id else []
    exemplar.awards = [
        Award(
            title=nomination.commendation_name,
            decision_number=nomination.decision_number,
            issuing_authority=DECIDING_AUTHORITY,
            date=nomination.decision_date,
        )
    ]
    registry.add_child(instance=exemplar)
    exemplar.save_revision(user=user, log_action=True)
    nomination.exemplar = exemplar
    nomination.save(update_fields=["exemplar"])
    return exemplar


def achievement_blocks(nomination):
    blocks = [("paragraph", linebreaks(escape(nomination.achievements_summary)))]
    if nomination.awards_received.strip():
        awards = linebreaks(escape(nomination.awards_received))
        blocks.append(("paragraph", f"<h3>Danh hiệu, khen thưởng đã nhận</h3>{awards}"))
    return blocks
