"""The editors' queue and decisions, who is refused, the files, and the tipster told once of the story."""

import datetime

import pytest

from django.urls import reverse

from core.models import OutgoingMail
from newsroom.models import StoryAssignment
from tips.models import Tip, TipAttachment

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

NEXT_YEAR = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()


def tip_url(tip):
    return reverse("tips:tip", args=[tip.pk])


def refused(response):
    """The admin's refusals: 403, or a redirect to the dashboard (with a message) or the login."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith("/admin/tips/")
    )


def decide(client, tip, action, **fields):
    return client.post(tip_url(tip), {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}})


@pytest.fixture
def station_tip(make_tip, tip_pages):
    return make_tip(page=tip_pages["broadcast"], who="Đài: anh Y Moan cứu người đuối nước")


@pytest.fixture
def attachment(make_tip, private_media):
    tip = make_tip()
    attachment = TipAttachment(tip=tip, file_name="ảnh hiện trường.jpg", kind="jpg", size=10)
    attachment.file.save("tips/newspaper/abc.jpg", __import__("io").BytesIO(jpeg_bytes()), save=False)
    attachment.save()
    return attachment


def test_an_editor_sees_the_outlets_tips_only(client, people, make_tip, station_tip):
    mine = make_tip(who="Chị H'Hoa nấu cơm từ thiện")
    client.force_login(people["editor"])
    page = client.get(reverse("tips:index")).content.decode()
    assert mine.who.replace("'", "&#x27;") in page
    assert "Y Moan" not in page


def test_an_editor_of_another_outlet_is_refused_the_tip(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["other_editor"])
    assert refused(client.get(tip_url(tip)))
    assert refused(decide(client, tip, "reject", reason="Không rõ"))
    assert Tip.objects.get().status == Tip.Status.NEW


def test_a_journalist_is_refused_the_queue(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["journalist"])
    assert refused(client.get(reverse("tips:index")))
    assert refused(client.get(tip_url(tip)))


def test_script_in_every_field_is_escaped_in_the_admin(client, people, make_tip):
    script = "<script>alert(1)</script>"
    tip = make_tip(
        who=script,
        what=script,
        place=script,
        tipster_name=script,
        # The phone's column holds 20 characters: a shorter tag.
        tipster_phone="<b>0912</b>",
        tipster_email="a@b.vn",
    )
    client.force_login(people["editor"])
    for address in [reverse("tips:index"), tip_url(tip)]:
        page = client.get(address).content.decode()
        assert script not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;0912&lt;/b&gt;" in client.get(tip_url(tip)).content.decode()


def test_accepting_makes_a_story_assignment_for_a_journalist_of_the_outlet(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["editor"])
    response = decide(client, tip, "accept", journalist=people["journalist"].pk, due_on=NEXT_YEAR)
    assert response.status_code == 302

    tip.refresh_from_db()
    assignment = StoryAssignment.objects.get()
    assert tip.status == Tip.Status.ASSIGNED
    assert tip.assignment == assignment
    assert (assignment.outlet, assignment.journalist, assignment.assigned_by) == (
        "newspaper",
        people["journalist"],
        people["editor"],
    )
    assert assignment.title == f"Tin báo: {tip.who}"
    assert tip.tipster_phone in assignment.brief


def test_a_journalist_of_another_outlet_cannot_be_given_the_story(client, people, make_tip, make_user):
    tip = make_tip()
    client.force_login(people["editor"])
    response = decide(client, tip, "accept", journalist=people["other_editor"].pk, due_on=NEXT_YEAR)
    assert response.status_code == 400
    assert not StoryAssignment.objects.exists()


def test_a_tip_is_decided_once(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["editor"])
    decide(client, tip, "reject", reason="Trùng với bài đã đăng")
    response = decide(client, tip, "accept", journalist=people["journalist"].pk, due_on=NEXT_YEAR)
    assert refused(response)
    assert Tip.objects.get().status == Tip.Status.REJECTED
    assert not StoryAssignment.objects.exists()


def test_rejecting_needs_a_reason(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["editor"])
    response = decide(client, tip, "reject", reason="   ")
    assert response.status_code == 400
    assert Tip.objects.get().status == Tip.Status.NEW


def test_merging_takes_a_tip_of_the_same_outlet_only(client, people, make_tip, station_tip):
    tip, original = make_tip(), make_tip(who="Bản đầu tiên")
    client.force_login(people["editor"])
    assert decide(client, tip, "merge", original=station_tip.pk).status_code == 400
    assert decide(client, tip, "merge", original=tip.pk).status_code == 400
    assert decide(client, tip, "merge", original=original.pk).status_code == 302
    tip.refresh_from_db()
    assert (tip.status, tip.duplicate_of) == (Tip.Status.MERGED, original)


def test_a_tip_passed_to_a_unit_is_read_by_its_officers_and_the_department_only(
    client, people, make_tip, unit
):
    tip = make_tip()
    client.force_login(people["officer"])
    assert refused(client.get(tip_url(tip)))

    client.force_login(people["editor"])
    assert decide(client, tip, "pass", unit=unit.pk).status_code == 302

    for reader in ["officer", "reviewer"]:
        client.force_login(people[reader])
        listing = client.get(reverse("tip_suggestions:index")).content.decode()
        assert "H&#x27;Hoa" in listing
        page = client.get(tip_url(tip)).content.decode()
        # Read only: no decision form, and not the tipster's contact.
        assert 'name="action"' not in page
        assert tip.tipster_phone not in page

    client.force_login(people["other_officer"])
    assert refused(client.get(tip_url(tip)))
    assert "H&#x27;Hoa" not in client.get(reverse("tip_suggestions:index")).content.decode()
    client.force_login(people["journalist"])
    assert refused(client.get(reverse("tip_suggestions:index")))


def test_files_are_downloaded_only_by_those_who_may_see_the_tip(client, people, attachment):
    address = reverse("tips:attachment", args=[attachment.tip_id, attachment.pk])
    client.force_login(people["other_editor"])
    assert refused(client.get(address))
    client.force_login(people["editor"])
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_tipster_is_told_once_when_the_story_is_published(
    client, people, make_tip, outlets, make_column, make_article
):
    tip, silent = make_tip(), make_tip(tipster_email="", receipt_code="SILNT-AAAAA-BBBBB")
    client.force_login(people["editor"])
    for each in [tip, silent]:
        decide(client, each, "accept", journalist=people["journalist"].pk, due_on=NEXT_YEAR)
    column = make_column(outlets["newspaper"], "Người tốt việc tốt")
    story = make_article(column, "Người thợ sửa xe trả lại 20 triệu đồng", live=False)
    StoryAssignment.objects.update(story=story)

    story.save_revision().publish()
    story.save_revision().publish()

    mail = OutgoingMail.objects.get()
    assert mail.recipients == [tip.tipster_email]
    assert tip.receipt_code in mail.body
    assert story.full_url in mail.body
    status = client.post(tip.page.url + "tra-cuu/", {"receipt_code": tip.receipt_code}).content.decode()
    assert "Bài viết từ tin báo của bạn đã được đăng." in status


def test_the_admin_speaks_vietnamese(client, people, make_tip):
    tip = make_tip()
    client.force_login(people["editor"])
    page = client.get(tip_url(tip)).content.decode()
    for words in ["Tin báo #", "Giao viết bài", "Chuyển đơn vị", "Gộp", "Từ chối"]:
        assert words in page


def test_the_queue_lists_the_waiting_tips_first(client, people, make_tip):
    decided = make_tip(who="Đã xử lý", status=Tip.Status.REJECTED, rejection_reason="Trùng")
    waiting = make_tip(who="Đang chờ", received_at=decided.received_at - datetime.timedelta(days=3))
    client.force_login(people["editor"])
    page = client.get(reverse("tips:index")).content.decode()
    assert page.index(waiting.who) < page.index(decided.who)


def test_the_units_officer_downloads_the_files_of_a_tip_passed_to_the_unit_only(
    client, people, attachment, unit
):
    address = reverse("tips:attachment", args=[attachment.tip_id, attachment.pk])
    client.force_login(people["officer"])
    assert refused(client.get(address))
    Tip.objects.filter(pk=attachment.tip_id).update(status=Tip.Status.PASSED, unit=unit)
    assert client.get(address).status_code == 200
    client.force_login(people["other_officer"])
    assert refused(client.get(address))
