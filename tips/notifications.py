"""The tipster is told, once, by email, when the story written for their tip is published; a tipster who left
no email address is not told (the status look-up shows it all the same)."""

from django.db import transaction
from django.utils import timezone

from core.outbox import queue_mail

from .models import Tip

SUBJECT = "Bài viết từ tin báo của bạn đã được đăng"
BODY = """Kính gửi {name},

Cảm ơn bạn đã báo tin về người tốt, việc tốt (mã biên nhận {code}).
Bài viết từ tin báo của bạn đã được đăng tại:
{url}

Trân trọng,
{outlet}
"""


def tell_tipsters_of_published_story(sender, instance, **kwargs):
    """page_published's receiver: the tips whose assignment's story is the page just published."""
    tips = Tip.objects.filter(assignment__story_id=instance.pk, tipster_told_at__isnull=True)
    for tip_pk in tips.exclude(tipster_email="").values_list("pk", flat=True):
        tell_tipster(tip_pk, instance)


@transaction.atomic
def tell_tipster(tip_pk, story):
    # Marked and queued in one transaction, claimed by a conditional update: a story published twice, or by two
    # processes at once, sends one email.
    claimed = Tip.objects.filter(pk=tip_pk, tipster_told_at__isnull=True).update(
        tipster_told_at=timezone.now()
    )
    if not claimed:
        return
    tip = Tip.objects.get(pk=tip_pk)
    body = BODY.format(
        name=tip.tipster_name,
        code=tip.receipt_code,
        url=story.full_url or "",
        outlet=tip.get_outlet_display(),
    )
    queue_mail(SUBJECT, body, [tip.tipster_email])
