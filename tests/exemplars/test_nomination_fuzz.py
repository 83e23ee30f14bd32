"""The nomination form under generated input, through the real admin view as a unit officer: never a 500, a refusal
that says why, and nothing half-written.

Each example starts from a valid nomination and changes a few fields (any Unicode with NUL, huge strings,
markup, bytes that are not UTF-8, several values, a field left out, a broken attachments management form, unknown
fields) and attaches up to two generated files (random bytes under any name, a real document under a lying name,
an empty file, one over the size limit). After each answer: a nomination was filed (302) with every attachment
on disk and everything the model holds it to, or none was, the page says why, and no file was left behind.
"""

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exemplars import attachments as attachment_rules
from exemplars.models import Nomination, NominationAttachment
from tests.form_fuzzing import MISSING, extra_fields, field_values, file_names

from .test_nomination_attachments import PDF, PNG, docx_bytes, odt_bytes
from .test_nominations import form_data

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Small, so that an oversized file costs a few kilobytes per example; the real limit has its own tests.
FUZZ_MAX_ATTACHMENT_SIZE = 4096
FIELDS = [
    "round",
    "subject_kind",
    "name",
    "position",
    "achievement_fields",
    "achievements_summary",
    "awards_received",
    "proposed_commendation",
    "proposed_commendation_other",
    "contact_person",
    "contact_phone",
    "id_number",
    "address",
    "is_new_factor",
    "is_sudden_deed",
    "attachments-TOTAL_FORMS",
    "attachments-INITIAL_FORMS",
    "attachments-MAX_NUM_FORMS",
]
CHOSEN = [
    "",
    " ",
    "\x00",
    "<script>alert(1)</script>",
    "'; DROP TABLE exemplars_nomination; --",
    "{{ 7|add:7 }}",
    "\u202eabc",
    "0",
    "-1",
    "1",
    "3",
    "1000000",
    # The largest id a database holds. Past it, SQLite's driver overflows on the IN lookup of the fields of
    # achievement (Django's ModelMultipleChoiceField, a 500 on SQLite only; PostgreSQL answers): not generated.
    "9223372036854775807",
    "individual",
    "collective",
    "other",
    "merit_certificate",
    "on",
    "0262 3852 123",
    "066123456789",
]

# Up to just past the longest limit (8,000 characters).
changes = st.dictionaries(st.sampled_from(FIELDS), field_values(CHOSEN, longest=8100), max_size=4)
posted_file_names = file_names(
    ["bien-ban.pdf", "anh.png", "to-trinh.docx", "to-trinh.odt", "a.exe", "a", "anh.PNG.pdf"]
)
file_contents = st.one_of(
    st.binary(max_size=512),
    st.just(b""),
    st.sampled_from([PDF, PNG, docx_bytes(), odt_bytes()]),
    st.integers(FUZZ_MAX_ATTACHMENT_SIZE - len(PDF) - 4, FUZZ_MAX_ATTACHMENT_SIZE + 64).map(
        lambda size: PDF + b"0" * size
    ),
)
attached_files = st.lists(st.tuples(posted_file_names, file_contents), max_size=2)


@pytest.fixture
def fuzz_setup(client, officer_a, nomination_round, while_open, private_nomination_files, monkeypatch):
    monkeypatch.setattr(attachment_rules, "MAX_ATTACHMENT_SIZE", FUZZ_MAX_ATTACHMENT_SIZE)
    client.force_login(officer_a)
    return nomination_round, private_nomination_files


def form_from(nomination_round, files, changed, extra):
    data = form_data(nomination_round, **{"attachments-TOTAL_FORMS": str(len(files))})
    for index, (name, content) in enumerate(files):
        data[f"attachments-{index}-file"] = SimpleUploadedFile(name, content)
    for name, value in changed.items():
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    data.update(extra)
    return data


def stored_files(root):
    if not root.exists():
        return set()
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def assert_filed_whole(nomination, root):
    nomination.full_clean()  # every limit and rule of the model holds for what was stored
    assert nomination.events.count() == 1
    for attachment in nomination.attachments.all():
        assert (root / attachment.file.name).stat().st_size == attachment.size > 0
        assert attachment.original_name and attachment.content_type


def assert_refusal_said(response):
    html = response.content.decode()
    if response.status_code == 400:
        assert "NUL" in html or "Biểu mẫu đã bị thay đổi" in html
    else:
        assert "error-message" in html or "messages" in html and "error" in html, html[:300]


@given(files=attached_files, changed=changes, extra=extra_fields)
@example(files=[("bien-ban.pdf", PDF)], changed={"name": "Y Ni\x00"}, extra={})
@example(files=[("bien-ban.pdf", PNG)], changed={}, extra={})
@example(files=[("bien-ban.pdf", PDF)], changed={"awards_received": "a" * 4001}, extra={})
@example(files=[("lon.pdf", PDF + b"0" * FUZZ_MAX_ATTACHMENT_SIZE)], changed={}, extra={})
@example(files=[("bien-ban.pdf", PDF)], changed={"attachments-TOTAL_FORMS": "99999999999999999999"}, extra={})
def test_the_nomination_form_never_fails_and_leaves_nothing_half_written(
    client, fuzz_setup, files, changed, extra
):
    nomination_round, root = fuzz_setup
    response = client.post(
        reverse("exemplars_nominations:add"), form_from(nomination_round, files, changed, extra)
    )
    assert response.status_code in (200, 302, 400)
    event(f"answered {response.status_code}")
    nominations = list(Nomination.objects.all())
    if response.status_code == 302:
        [nomination] = nominations
        assert_filed_whole(nomination, root)
    else:
        assert nominations == []
        assert_refusal_said(response)
    attachments = list(NominationAttachment.objects.all())
    assert stored_files(root) == {attachment.file.name for attachment in attachments}
    for attachment in attachments:
        attachment.file.delete(save=False)
    Nomination.objects.all().delete()
