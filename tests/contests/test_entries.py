"""Sending an entry: the receipt, the deadline, one entry per form, the allowance per person, the bots."""

import datetime
import math
import re

import pytest
import time_machine

from django.core import mail

from contests.models import Entry
from core.models import OutgoingMail
from core.outbox import send_due_mail
from core.receipts import ALPHABET, new_receipt_code

from .conftest import CLOSES_AT, DURING, entry_data

pytestmark = pytest.mark.django_db


def post_entry(client, contest, **overrides):
    return client.post(contest.url, entry_data(contest, **overrides))


def receipt_in(response):
    return re.search(r'class="receipt-code"><strong>([^<]+)</strong>', response.content.decode()).group(1)


@time_machine.travel(DURING, tick=False)
def test_an_entry_gets_a_readable_unguessable_receipt_shown_and_emailed(
    client, contest, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_entry(client, contest)
    assert response.status_code == 200
    code = receipt_in(response)
    assert re.fullmatch(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}", code)
    entry = Entry.objects.get()
    assert entry.receipt_code == code and entry.number == 1 and entry.submitted_at == DURING
    assert entry.email_key == "hoa.nguyen@example.vn" and entry.status == Entry.Status.RECEIVED
    [email] = mail.outbox
    assert email.to == ["hoa.nguyen@example.vn"] and code in email.subject and code in email.body
    assert "Người giữ lửa buôn làng" in email.body and f"{contest.full_url}tra-cuu/" in email.body


@time_machine.travel(DURING, tick=False)
def test_while_the_mail_server_is_down_the_entry_is_taken_and_its_receipt_waits(
    client, contest, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_entry(client, contest)
    assert response.status_code == 200
    code = receipt_in(response)  # the page shows the code: the entrant has it while the e-mail waits
    assert Entry.objects.get().receipt_code == code and mail.outbox == []
    [waiting] = OutgoingMail.objects.all()
    assert (waiting.status, waiting.recipients) == ("pending", ["hoa.nguyen@example.vn"])
    assert code in waiting.subject

    mail_server_down.come_back()
    send_due_mail(now=DURING + datetime.timedelta(minutes=2))
    [email] = mail.outbox
    assert email.to == ["hoa.nguyen@example.vn"] and code in email.body


def test_receipt_codes_differ_and_carry_over_sixty_bits():
    codes = [new_receipt_code() for _ in range(2000)]

    # The bits are counted on what the codes hold: the symbols seen at each position of 2,000 codes.
    symbols = [code.replace("-", "") for code in codes]
    symbols_by_position = [set(position) for position in zip(*symbols, strict=True)]
    assert len(set(codes)) == 2000
    assert sum(math.log2(len(seen)) for seen in symbols_by_position) > 60
    assert not set("01ILOU") & set("".join(codes))


def test_a_post_one_second_after_the_deadline_is_refused_even_from_a_form_loaded_before(client, contest):
    with time_machine.travel(CLOSES_AT - datetime.timedelta(minutes=5), tick=False):
        form_page = client.get(contest.url).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', form_page).group(1)
    with time_machine.travel(CLOSES_AT + datetime.timedelta(seconds=1), tick=False):
        response = post_entry(client, contest, submission_token=token)
    assert response.status_code == 403
    assert "Cuộc thi đã hết hạn nhận bài lúc 17:00 ngày 30/4/2025" in response.content.decode()
    assert not Entry.objects.exists()


def test_a_post_in_the_last_second_is_taken(client, contest):
    with time_machine.travel(CLOSES_AT - datetime.timedelta(seconds=1), tick=False):
        assert post_entry(client, contest).status_code == 200
    assert Entry.objects.count() == 1


@time_machine.travel(datetime.datetime(2025, 2, 28, tzinfo=datetime.UTC), tick=False)
def test_an_entry_before_the_opening_is_refused(client, contest):
    response = post_entry(client, contest)
    assert response.status_code == 403 and "Cuộc thi chưa mở" in response.content.decode()


@time_machine.travel(DURING, tick=False)
def test_a_double_click_or_a_resent_page_makes_one_entry(client, contest, django_capture_on_commit_callbacks):
    data = entry_data(contest)
    with django_capture_on_commit_callbacks(execute=True):
        first, second = client.post(contest.url, data), client.post(contest.url, data)
    assert first.status_code == second.status_code == 200
    assert receipt_in(first) == receipt_in(second)
    assert Entry.objects.count() == 1 and len(mail.outbox) == 1


@time_machine.travel(DURING, tick=False)
def test_the_allowance_per_person_counts_the_email_whatever_its_case(client, contest):
    assert post_entry(client, contest).status_code == 200
    response = post_entry(client, contest, email=" Hoa.Nguyen@Example.VN ", title="Bài thứ hai")
    assert response.status_code == 409
    html = response.content.decode()
    assert "đã gửi đủ 1 bài" in html and "Bài thứ hai" in html  # what was typed is kept
    assert Entry.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_a_contest_may_allow_several_entries_per_person(client, make_contest):
    contest = make_contest(entries_per_person=2)
    assert post_entry(client, contest).status_code == 200
    assert post_entry(client, contest, title="Bài thứ hai").status_code == 200
    assert post_entry(client, contest, title="Bài thứ ba").status_code == 409
    assert list(Entry.objects.values_list("number", flat=True)) == [1, 2]


@time_machine.travel(DURING, tick=False)
def test_the_honeypot_turns_a_bot_away(client, contest):
    response = post_entry(client, contest, homepage="http://spam.example")
    assert response.status_code == 400 and not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(client, contest):
    html = client.get(contest.url).content.decode()
    hidden = html[html.index('<div class="visually-hidden" aria-hidden="true">') :]
    assert 'name="homepage"' in hidden[: hidden.index("</div>")] or 'name="homepage"' in hidden
    assert 'tabindex="-1"' in hidden and 'autocomplete="off"' in hidden


@time_machine.travel(DURING, tick=False)
def test_the_rate_limit_counts_posts_per_address_and_keeps_what_was_typed(client, contest, settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 3
    for number in range(3):
        post_entry(client, contest, email=f"nguoi{number}@example.vn")
    response = post_entry(client, contest, email="nguoi4@example.vn", title="Bài bị chặn")
    assert response.status_code == 429
    assert "đợi khoảng 10 phút" in response.content.decode() and "Bài bị chặn" in response.content.decode()
    assert Entry.objects.count() == 3
    other_address = client.post(
        contest.url, entry_data(contest, email="b@example.vn"), REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 200
    with time_machine.travel(DURING + datetime.timedelta(minutes=10), tick=False):
        assert post_entry(client, contest, email="nguoi5@example.vn").status_code == 200


def post_entry_from(client, contest, forwarded_for, number):
    data = entry_data(contest, email=f"nguoi{number}@example.vn")
    return client.post(contest.url, data, HTTP_X_FORWARDED_FOR=forwarded_for)


@time_machine.travel(DURING, tick=False)
def test_without_proxies_a_forged_forwarded_for_changes_nothing(client, contest, settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 2
    answers = [
        post_entry_from(client, contest, f"198.51.100.{number}", number).status_code for number in range(6)
    ]
    assert answers == [200, 200, 429, 429, 429, 429]
    assert Entry.objects.count() == 2


@time_machine.travel(DURING, tick=False)
def test_behind_one_proxy_only_the_address_it_added_counts(client, contest, settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 2
    settings.TRUSTED_PROXY_COUNT = 1
    # The client writes any X-Forwarded-For it likes; the proxy appends the address it received the request from.
    rotating = [
        post_entry_from(client, contest, f"198.51.100.{n}, 203.0.113.7", n).status_code for n in range(5)
    ]
    assert rotating == [200, 200, 429, 429, 429]
    another_reader = post_entry_from(client, contest, "203.0.113.7, 203.0.113.8", 9)
    assert another_reader.status_code == 200
    assert Entry.objects.count() == 3


@time_machine.travel(DURING, tick=False)
def test_an_ipv6_client_cannot_escape_by_taking_another_address_of_its_line(client, contest, settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 2
    addresses = ["2001:db8:7::1", "2001:db8:7::2", "2001:db8:7:0:a::3", "2001:db8:7:0:b::4"]
    answers = []
    for number, address in enumerate(addresses):
        data = entry_data(contest, email=f"nguoi{number}@example.vn")
        answers.append(client.post(contest.url, data, REMOTE_ADDR=address).status_code)
    assert answers == [200, 200, 429, 429]


@time_machine.travel(DURING, tick=False)
def test_errors_are_in_vietnamese_whatever_the_browser_asks(client, contest):
    data = entry_data(contest, full_name="", email="khong-phai-email", phone="abc", text="", category="")
    del data["consented_to_rules"]
    response = client.post(contest.url, data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400
    for message in [
        "Vui lòng điền mục này.",
        "Địa chỉ email chưa đúng",
        "Số điện thoại chưa đúng",
        "Vui lòng dán nội dung bài viết hoặc đính kèm tệp bài dự thi.",
        "Bạn cần đồng ý với thể lệ để gửi bài.",
        "Bài chưa được gửi",
    ]:
        assert message in html
    assert "Người giữ lửa buôn làng" in html  # what was typed stays


@time_machine.travel(DURING, tick=False)
def test_word_limits_hold_for_the_text(client, make_contest):
    contest = make_contest(min_words=5, max_words=8)
    short = post_entry(client, contest, text="Quá ngắn")
    assert "ít hơn mức tối thiểu 5 từ" in short.content.decode()
    long = post_entry(client, contest, text="một hai ba bốn năm sáu bảy tám chín")
    assert "Bài viết có 9 từ, vượt mức tối đa 8 từ." in long.content.decode()
    assert not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_pen_name_credit_needs_a_pen_name(client, contest):
    response = post_entry(client, contest, credit="pen_name")
    assert "vui lòng điền bút danh" in response.content.decode()


@time_machine.travel(DURING, tick=False)
def test_an_old_form_without_a_token_asks_for_a_reload(client, contest):
    response = post_entry(client, contest, submission_token="")
    assert "Biểu mẫu đã cũ, vui lòng tải lại trang." in response.content.decode()
