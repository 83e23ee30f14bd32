"""The public entry form under generated input, through the real page: never a 500, a refusal that says why, and
nothing half-written.

Each example starts from a valid entry and changes a few fields: any Unicode (NUL included), huge strings, markup,
bytes that are not UTF-8, several values for one field, a field left out, fields the form does not know; and
attaches a generated file, or none: random bytes under any name, a real document under a lying name, an empty
file, one over the size limit. After each answer: an entry was saved (200) with everything the model holds it to,
or none was and the page says why; the private storage holds exactly the files of the saved entries.
"""

import uuid

import pytest
import time_machine
from hypothesis import event, example, given
from hypothesis import strategies as st

import contests.views  # noqa: F401 - imported before the file limit is patched below: its request limit stays real
from contests import files
from contests.forms import EntryForm
from contests.models import Entry
from tests.form_fuzzing import MISSING, extra_fields, field_values, file_names

from .conftest import DURING, PDF, docx_bytes, entry_data, odt_bytes, upload

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Small, so that an oversized file costs a few kilobytes per example; the real limit has its own tests.
FUZZ_MAX_FILE_BYTES = 4096
# Every field the form has (a field added later is fuzzed too), but the file: attachments are drawn on their own.
FIELDS = [name for name in EntryForm.base_fields if name != "attachment"]
CHOSEN = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "'; DROP TABLE contests_entry; --",
    "{{ 7|add:7 }}{% debug %}",
    "\u202eabc",
    "\ufeff",
    "A\u0301\u0323",
    "on",
    "off",
    "false",
    "full_name",
    "pen_name",
    "0",
    "-1",
    "99999999999999999999999999",
    "1e400",
    str(uuid.UUID(int=0)),
    "hoa.nguyen@example.vn",
    "a@b",
    "0912 345 678",
]

changes = st.dictionaries(st.sampled_from(FIELDS), field_values(CHOSEN, longest=110_000), max_size=4)
posted_file_names = file_names(
    [
        "bai.pdf",
        "bai.PDF",
        "bai.docx",
        "bai.odt",
        "bai.exe",
        "bai",
        ".docx",
        "bai.pdf.exe",
        "a" * 300 + ".pdf",
    ]
)
file_contents = st.one_of(
    st.binary(max_size=512),
    st.just(b""),
    st.binary(max_size=256).map(lambda tail: PDF + tail),
    st.sampled_from([PDF, docx_bytes(), odt_bytes()]),
    st.integers(FUZZ_MAX_FILE_BYTES - len(PDF) - 4, FUZZ_MAX_FILE_BYTES + 64).map(
        lambda size: PDF + b"0" * size
    ),
)
attachments = st.one_of(
    st.none(), st.tuples(posted_file_names, file_contents), st.sampled_from(["", "not a file"])
)


@pytest.fixture
def fuzz_setup(settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.CONTEST_ENTRIES_PER_ADDRESS = 10**9
    monkeypatch.setattr(files, "MAX_FILE_BYTES", FUZZ_MAX_FILE_BYTES)
    return settings.PRIVATE_MEDIA_ROOT


def form_from(contest, changed, extra, attachment):
    data = entry_data(contest)
    for name, value in changed.items():
        if value is MISSING:
            del data[name]
        else:
            data[name] = value
    data.update(extra)
    if isinstance(attachment, tuple):
        data["attachment"] = upload(*attachment)
    elif attachment is not None:
        data["attachment"] = attachment
    return data


def stored_files(private_media):
    return {path.relative_to(private_media).as_posix() for path in private_media.rglob("*") if path.is_file()}


def assert_saved_whole(entry, private_media):
    entry.full_clean()  # every limit and rule of the model holds for what was stored
    assert entry.consented_to_rules and entry.consented_to_publication
    assert entry.text or entry.file
    if entry.file:
        assert (private_media / entry.file.name).stat().st_size == entry.file_size
        assert entry.file_kind and entry.file_name


def assert_refusal_said(response):
    html = response.content.decode()
    assert "notice--error" in html or "Yêu cầu không hợp lệ" in html, html[:300]


@time_machine.travel(DURING, tick=False)
@given(changed=changes, extra=extra_fields, attachment=attachments)
@example(changed={"text": "a" * 100_001}, extra={}, attachment=None)
@example(changed={"full_name": "Hoa\x00"}, extra={}, attachment=("bai.pdf", PDF))
@example(changed={}, extra={}, attachment=("bai.docx", PDF))
@example(changed={}, extra={}, attachment=("bai.pdf", PDF + b"0" * FUZZ_MAX_FILE_BYTES))
@example(changed={"category": "99999999999999999999999999"}, extra={}, attachment=None)
def test_the_entry_form_never_fails_and_leaves_nothing_half_written(
    client, contest, fuzz_setup, changed, extra, attachment
):
    private_media = fuzz_setup
    response = client.post(contest.url, form_from(contest, changed, extra, attachment))
    assert response.status_code in (200, 400, 409)
    event(f"answered {response.status_code}")
    entries = list(Entry.objects.all())
    if response.status_code == 200:
        [entry] = entries
        assert_saved_whole(entry, private_media)
    else:
        assert entries == []
        assert_refusal_said(response)
    assert stored_files(private_media) == {entry.file.name for entry in entries if entry.file}
    for entry in entries:
        entry.file.delete(save=False)
    Entry.objects.all().delete()
