"""Every stated limit of the public forms holds on the server, and nothing a refused or repeated entry wrote stays.

The entry form and the status look-up state each text field's limit beside it and refuse more, naming the limit;
the model refuses more whatever the path. A file is written for the accepted entry only: a replay of the form,
a refusal or a database error leaves no file in the private storage.
"""

import re
import uuid

import pytest
import time_machine

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.test import Client

from contests import submission
from contests.models import Entry

from .conftest import DURING, PDF, docx_bytes, entry_data, upload

pytestmark = pytest.mark.django_db

TEXT_LIMITS = {
    "full_name": 120,
    "pen_name": 120,
    "email": 254,
    "phone": 20,
    "address": 300,
    "title": 300,
    "text": 100_000,
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Entry files go to a folder of this test's own, so counting them sees nobody else's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


def stored_files(private_media):
    return sorted(path for path in private_media.rglob("*") if path.is_file())


def vietnamese_number(number):
    return f"{number:,}".replace(",", ".")


def too_long(field, limit):
    if field == "email":
        return "a" * (limit + 1 - len("@example.vn")) + "@example.vn"
    return "a" * (limit + 1)


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(("field", "limit"), TEXT_LIMITS.items())
def test_every_text_field_states_its_limit_beside_it(client, contest, field, limit):
    html = client.get(contest.url).content.decode()
    help_text = re.search(rf'<div class="helptext" id="id_{field}_helptext">(.*?)</div>', html, re.S).group(1)
    assert help_text.strip().endswith(f"Tối đa {vietnamese_number(limit)} ký tự.")
    assert re.search(rf'<(input|textarea) [^>]*name="{field}" [^>]*maxlength="{limit}"', html)


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(("field", "limit"), TEXT_LIMITS.items())
def test_a_field_over_its_limit_is_refused_naming_the_limit(client, contest, field, limit):
    response = client.post(contest.url, entry_data(contest, **{field: too_long(field, limit)}))
    assert response.status_code == 400
    assert f"Tối đa {limit} ký tự (hiện có {limit + 1})." in response.content.decode()
    assert not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_text_of_millions_of_characters_is_refused_however_few_its_words(client, contest):
    response = client.post(contest.url, entry_data(contest, text="Bài " + "a" * 2_400_000))
    assert response.status_code == 400
    assert "Tối đa 100000 ký tự (hiện có 2400004)." in response.content.decode()
    assert not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_text_at_the_limit_is_taken(client, contest):
    response = client.post(contest.url, entry_data(contest, text="a" * 100_000))
    assert response.status_code == 200
    assert len(Entry.objects.get().text) == 100_000


def test_the_model_refuses_a_text_over_the_limit_whatever_the_path(contest):
    entry = Entry(
        contest=contest,
        category=contest.categories.first(),
        number=1,
        full_name="Nguyễn Thị Hoa",
        email="hoa@example.vn",
        phone="0912345678",
        address="Buôn Ma Thuột",
        title="Bài",
        text="a" * 100_001,
        consented_to_rules=True,
        consented_to_publication=True,
        receipt_code="ABCDE-FGHJK-MNPQR",
        submission_token=uuid.uuid4(),
    )
    with pytest.raises(ValidationError) as refusal:
        entry.full_clean()
    assert set(refusal.value.message_dict) == {"text"}


@time_machine.travel(DURING, tick=False)
def test_the_status_look_up_states_and_enforces_its_limits(client, contest):
    status_url = f"{contest.url}tra-cuu/"
    html = client.get(status_url).content.decode()
    assert "Tối đa 40 ký tự." in html and "Tối đa 254 ký tự." in html
    response = client.post(status_url, {"receipt_code": "A" * 41, "email": too_long("email", 254)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tối đa 40 ký tự (hiện có 41)." in html and "Tối đa 254 ký tự (hiện có 255)." in html


def post_with_file(client, contest, data, content=None):
    return client.post(contest.url, {**data, "attachment": upload("bai.docx", content or docx_bytes())})


@time_machine.travel(DURING, tick=False)
def test_a_file_full_of_nul_bytes_passes_the_edge_and_is_kept(client, contest, private_media):
    content = PDF.replace(b"\n", b"\n\x00\x00")
    response = client.post(
        contest.url, {**entry_data(contest, text=""), "attachment": upload("bai.pdf", content)}
    )
    assert response.status_code == 200
    assert [path.read_bytes() for path in stored_files(private_media)] == [content]


@time_machine.travel(DURING, tick=False)
def test_sequential_replays_of_a_form_with_a_file_keep_one_file(client, contest, private_media):
    data = entry_data(contest)
    assert [post_with_file(client, contest, data).status_code for _ in range(5)] == [200] * 5
    entry = Entry.objects.get()
    assert stored_files(private_media) == [private_media / entry.file.name]


@time_machine.travel(DURING, tick=False)
def test_a_replay_that_lost_the_race_removes_the_file_it_wrote(client, contest, private_media, monkeypatch):
    """The replay writes its file while the first request saves the entry; the replay then finds that entry."""
    data = entry_data(contest)
    store_file = submission._store_file

    def store_while_the_first_request_finishes(contest, form):
        stored = store_file(contest, form)
        monkeypatch.setattr(submission, "_store_file", store_file)
        assert post_with_file(Client(), contest, data).status_code == 200
        return stored

    monkeypatch.setattr(submission, "_store_file", store_while_the_first_request_finishes)
    assert post_with_file(client, contest, data).status_code == 200
    entry = Entry.objects.get()
    assert stored_files(private_media) == [private_media / entry.file.name]


@time_machine.travel(DURING, tick=False)
def test_an_entry_over_the_allowance_leaves_no_file(client, contest, private_media):
    assert post_with_file(client, contest, entry_data(contest)).status_code == 200
    refused = post_with_file(client, contest, entry_data(contest, title="Bài thứ hai"))
    assert refused.status_code == 409
    assert stored_files(private_media) == [private_media / Entry.objects.get().file.name]


@time_machine.travel(DURING, tick=False)
def test_a_database_error_while_saving_leaves_no_file(contest, private_media, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Entry, "save", fail)
    response = post_with_file(Client(raise_request_exception=False), contest, entry_data(contest))
    assert response.status_code == 500
    assert stored_files(private_media) == []


@time_machine.travel(DURING, tick=False)
def test_a_form_token_already_used_in_another_contest_is_refused_without_a_trace(
    client, make_contest, private_media
):
    first, second = make_contest("Cuộc thi thứ nhất"), make_contest("Cuộc thi thứ hai")
    token = str(uuid.uuid4())
    assert post_with_file(client, first, entry_data(first, submission_token=token)).status_code == 200
    response = post_with_file(client, second, entry_data(second, submission_token=token))
    assert response.status_code == 409
    assert "Biểu mẫu đã cũ, vui lòng tải lại trang." in response.content.decode()
    assert list(Entry.objects.values_list("contest", flat=True)) == [first.pk]
    assert stored_files(private_media) == [private_media / Entry.objects.get().file.name]
