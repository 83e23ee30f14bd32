"""Emails about nominations: to the unit when the Department returns or decides, to the editors on approval.

They are written in Vietnamese, for the officers and editors who read them, and carry no personal data.
Each is queued in the transaction of the step (core.outbox): it goes out once the step commits, and a mail
server that is down delays it, never the step.
"""

from django.conf import settings
from django.urls import reverse

from core.dates import short_date
from core.outbox import queue_mail
from core.roles import mail_addresses, members_of
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name

from .roles import unit_officers


def admin_url(url_name, pk):
    return f"{settings.WAGTAILADMIN_BASE_URL}{reverse(url_name, args=[pk])}"


def nomination_url(nomination):
    return admin_url("exemplars_nominations:inspect", nomination.pk)


def filed_in(nomination):
    """The round a nomination was filed in, as the emails name it; a sudden deed has none."""
    return nomination.round.title if nomination.round_id else "thành tích đột xuất"


def notify_unit_of_return(nomination):
    reason = nomination.events.filter(to_status=nomination.status).last().note
    body = (
        f"Sở Nội vụ đã trả lại hồ sơ đề cử “{nomination.name}” ({filed_in(nomination)}) để đơn vị bổ sung, "
        f"chỉnh sửa.\n\nLý do: {reason}\n\nSau khi chỉnh sửa, đơn vị gửi lại hồ sơ tại: {nomination_url(nomination)}"
    )
    send_to_unit(nomination, f"Hồ sơ đề cử “{nomination.name}” cần bổ sung", body)


def notify_unit_of_decision(nomination):
    outcome = "được khen thưởng" if nomination.status == "approved" else "không được chấp thuận"
    decision = f"Quyết định số {nomination.decision_number} " if nomination.decision_number else ""
    body = (
        f"Hồ sơ đề cử “{nomination.name}” ({filed_in(nomination)}) {outcome}. "
        f"{decision}ngày {short_date(nomination.decision_date)}.\n\nChi tiết: {nomination_url(nomination)}"
    )
    send_to_unit(nomination, f"Kết quả xét đề cử “{nomination.name}”", body)


def send_to_unit(nomination, subject, body):
    queue_mail(subject, body, unit_officers(nomination.unit_id).values_list("email", flat=True))


def notify_editors_of_draft(exemplar):
    """The outlets' editors who may open the draft (the registry's: the portal's, as the tree grants it), with a
    link to its editor; an editor the link would refuse is not written to."""
    editors = members_of(*(editors_group_name(outlet) for outlet in Outlet.values))
    may_edit = [editor.pk for editor in editors if exemplar.permissions_for_user(editor).can_edit()]
    recipients = mail_addresses(editors.filter(pk__in=may_edit))
    if not recipients:
        return
    body = (
        f"Hồ sơ điển hình “{exemplar.title}” vừa được tạo từ đề cử đã được khen thưởng và đang chờ biên tập, "
        f"xuất bản: {admin_url('wagtailadmin_pages:edit', exemplar.pk)}"
    )
    queue_mail(f"Điển hình mới chờ xuất bản: {exemplar.title}", body, recipients)
