"""The public side of a contest: the page with its entry form, the receipt and the status look-up."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from core import rate_limits
from core.dates import long_date, time_and_date
from core.private_storage import FileNotStored
from core.vietnamese import sort_key

from .files import MAX_FILE_BYTES, MAX_FILE_LABEL
from .forms import EntryForm, StatusLookupForm, email_key
from .models import Entry, Phase
from .results import category_results
from .submission import EntryRefused, closed_message, submit_entry
from .timing import remaining_label

STATUS_LOOKUPS_PER_ADDRESS = 10
# Bodies up to this are read, so that a file over the limit is reported beside what the entrant typed;
# bigger ones are refused unread.
MAX_REQUEST_BYTES = 5 * MAX_FILE_BYTES
FILE_NOT_KEPT = "Vì lý do an toàn, tệp đính kèm không được giữ lại: vui lòng chọn lại tệp trước khi gửi."
TOO_MANY = "Bạn đã gửi quá nhiều lần trong ít phút. Vui lòng đợi khoảng 10 phút rồi thử lại."
# While sends cannot be counted (the shared cache is down), the public forms refuse them: fail closed, since an
# uncounted form would take a flood of entries or receipt-code guesses. Nothing is stored, what was typed stays.
CANNOT_COUNT = "Hệ thống đang bận, chưa nhận được bài gửi của bạn. Vui lòng thử lại sau ít phút."
CANNOT_COUNT_LOOKUP = "Hệ thống đang bận, chưa tra cứu được. Vui lòng thử lại sau ít phút."
FILE_NOT_STORED = (
    "Hệ thống tạm thời không lưu được tệp đính kèm nên bài dự thi của bạn chưa được nhận. "
    "Vui lòng gửi lại sau ít phút."
)
# How long an entrant is asked to wait when the server cannot store files (a full or read-only disk).
FILE_NOT_STORED_RETRY_SECONDS = 300


def contest_routes():
    """The contest page's routes (see CONTEST_ROUTES_HOOK): each view is called as the page's own method."""
    return [
        path("", contest_page, name="contest"),
        path("tra-cuu/", entry_status, name="status"),
        path("ket-qua/", contest_results, name="results"),
    ]


def contest_page(contest, request):
    if request.method == "POST":
        return _receive_entry(request, contest, received_at=timezone.now())
    return _render_contest(request, contest, EntryForm(contest=contest))


def _receive_entry(request, contest, received_at):
    if not contest.accepts_entry_received_at(received_at):
        refusal = closed_message(contest, received_at)
        return _render_contest(request, contest, None, refusal=refusal, status=403)
    if declared_length(request) > MAX_REQUEST_BYTES:
        refusal = f"Bài gửi quá lớn: tệp đính kèm tối đa {MAX_FILE_LABEL}."
        return _render_contest(request, contest, EntryForm(contest=contest), refusal=refusal, status=413)
    refusal, status = _uncounted_refusal(request, "entry", settings.CONTEST_ENTRIES_PER_ADDRESS, CANNOT_COUNT)
    if refusal:
        # Unbound, so nothing is validated or stored, but filled with what the entrant typed.
        form = EntryForm(initial=request.POST.dict(), contest=contest)
        return _render_contest(request, contest, form, refusal=refusal, status=status)
    form = EntryForm(request.POST, request.FILES, contest=contest)
    if form.is_bot:
        return _render_contest(request, contest, form, refusal="Không thể nhận bài gửi này.", status=400)
    if not form.is_valid():
        return _render_contest(request, contest, form, status=400)
    try:
        entry = submit_entry(contest, form, received_at)
    except EntryRefused as refusal:
        return _render_contest(request, contest, form, refusal=str(refusal), status=409)
    except FileNotStored:
        # Nothing was saved: the file is gone with the part of it written, and the entry never began.
        response = _render_contest(request, contest, form, refusal=FILE_NOT_STORED, status=503)
        response["Retry-After"] = str(FILE_NOT_STORED_RETRY_SECONDS)
        return response
    context = {"page": contest, "entry": entry, "received_at": time_and_date(entry.submitted_at)}
    return TemplateResponse(request, "contests/entry_receipt.html", context)


def _uncounted_refusal(request, action, limit, cannot_count):
    """(refusal, status) when this send must be refused before it is read: over the address's limit, or not
    countable now; (None, None) when it may go on."""
    try:
        if rate_limits.allow(request, action, limit):
            return None, None
    except rate_limits.CountingUnavailable:
        return cannot_count, 503
    return TOO_MANY, 429


def public_panel(contest):
    """The judges the organisers chose to name, by full name and title, in Vietnamese order of names."""
    assignments = contest.judge_assignments.exclude(public_title="").select_related("judge")
    named = [assignment for assignment in assignments if assignment.public_name]
    return sorted(named, key=lambda assignment: sort_key(assignment.public_name))


def declared_length(request):
    """The body's length as the request declares it; a value that is not a number counts as none, as Django
    itself reads it."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _render_contest(request, contest, form, refusal=None, status=200):
    now = timezone.now()
    phase = contest.phase(now)
    target = contest.countdown_target(now)
    context = {
        "page": contest,
        "phase": phase,
        "phase_name": Phase(phase).label,
        "opens_label": time_and_date(contest.opens_at),
        "closes_label": time_and_date(contest.closes_at),
        "countdown_target": target,
        "remaining": remaining_label(target - now) if target else None,
        "form": form if phase == Phase.OPEN else None,
        "refusal": refusal,
        "file_not_kept": _file_was_dropped(request, form),
        "file_not_kept_message": FILE_NOT_KEPT,
        "prizes": contest.prizes.all(),
        "categories": contest.categories.all(),
        "criteria": contest.rubric_criteria.all(),
        "judges": public_panel(contest),
    }
    return TemplateResponse(request, "contests/contest_page.html", context, status=status)


def _file_was_dropped(request, form):
    # An unbound form without initial data answers a request whose body was left unread on purpose.
    sent_back = form is not None and (form.is_bound or form.initial)
    return bool(sent_back and "attachment" in form.fields and request.FILES)


def entry_status(contest, request):
    """The entry for a receipt code and e-mail; a wrong code and a wrong e-mail get the same answer."""
    form, entry, refusal, status = StatusLookupForm(), None, None, 200
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        refusal, status = _uncounted_refusal(
            request, "status", STATUS_LOOKUPS_PER_ADDRESS, CANNOT_COUNT_LOOKUP
        )
        if refusal is None:
            entry, refusal, status = _look_up(contest, form)
    context = {"page": contest, "form": form, "entry": entry, "refusal": refusal}
    if entry:
        context["received_at"] = time_and_date(entry.submitted_at)
    return TemplateResponse(request, "contests/entry_status.html", context, status=status)


def _look_up(contest, form):
    """(entry, refusal, status) for a look-up that may be read."""
    if not form.is_valid():
        return None, None, 400
    entry = _find_entry(contest, form.cleaned_data)
    if entry is None:
        return None, "Không tìm thấy bài dự thi với mã biên nhận và email này.", 404
    return entry, None, 200


def _find_entry(contest, data):
    return (
        Entry.objects.select_related("category")
        .filter(contest=contest, receipt_code=data["receipt_code"], email_key=email_key(data["email"]))
        .first()
    )


def contest_results(contest, request):
    """The prize winners per category once the organisers published them; not found before."""
    publication = contest.published_judging()
    if publication is None:
        raise Http404("Kết quả cuộc thi chưa được công bố.")
    context = {
        "page": contest,
        "published_on": long_date(publication.results_published_at),
        "categories": category_results(contest),
    }
    return TemplateResponse(request, "contests/results.html", context)
