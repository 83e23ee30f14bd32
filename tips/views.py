"""The public side of a tip form: the form, the receipt shown once a tip is taken, the status look-up."""

from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control

from core import challenges, rate_limits
from core.dates import time_and_date
from core.private_storage import FileNotStored

from . import limits
from .files import MAX_REQUEST_BYTES, MAX_VIDEO_LABEL
from .forms import StatusLookupForm, TipForm
from .models import Tip
from .public_status import public_status
from .submission import TipRefused, submit_tip

TOO_MANY = "Bạn đã gửi quá nhiều lần trong ít phút. Vui lòng đợi khoảng 10 phút rồi thử lại."
# While sends cannot be counted (the shared cache is down), they are refused: fail closed, as the other forms.
CANNOT_COUNT = "Hệ thống đang bận, chưa nhận được tin báo của bạn. Vui lòng thử lại sau ít phút."
CANNOT_COUNT_LOOKUP = "Hệ thống đang bận, chưa tra cứu được. Vui lòng thử lại sau ít phút."
UNSOLVED = (
    "Trình duyệt của bạn chưa hoàn tất bước xác minh chống gửi tự động. Vui lòng bấm lại nút "
    "“Gửi tin báo” sau vài giây (trang cần được bật JavaScript)."
)
REFUSALS = {
    challenges.Refusal.TOO_MANY: TOO_MANY,
    challenges.Refusal.UNSOLVED: UNSOLVED,
    challenges.Refusal.CANNOT_COUNT: CANNOT_COUNT,
}
NOT_SENT = "Tin báo chưa được gửi: vui lòng xem lại các mục được đánh dấu bên dưới."
FILES_NOT_KEPT = "Vì lý do an toàn, ảnh và video chưa được giữ lại: vui lòng chọn lại tệp trước khi gửi."
FILE_NOT_STORED = "Hệ thống tạm thời không lưu được ảnh, video nên tin báo của bạn chưa được nhận. Vui lòng gửi lại sau ít phút."
NOT_FOUND = "Không tìm thấy tin báo với mã biên nhận này."


def tip_routes():
    """The tip page's routes (see TIP_ROUTES_HOOK): each view is called as the page's own method."""
    return [
        path("", tip_page, name="form"),
        path("tra-cuu/", tip_status, name="status"),
    ]


def tip_page(page, request):
    if request.method == "POST":
        return _receive(request, page, received_at=timezone.now())
    return _render_form(request, page, TipForm())


def _receive(request, page, received_at):
    if declared_length(request) > MAX_REQUEST_BYTES:
        refusal = f"Tin báo quá lớn: ảnh và video gửi kèm tối đa {MAX_VIDEO_LABEL} tất cả."
        return _render_form(request, page, TipForm(), refusal, 413)
    refusal, status = _uncounted_refusal(request)
    if refusal:
        # Unbound, so nothing is validated or stored, but filled with what the tipster typed.
        return _render_form(request, page, TipForm(initial=request.POST.dict()), refusal, status)
    form = TipForm(request.POST, request.FILES)
    if form.is_bot:
        return _render_form(request, page, form, "Không thể nhận tin báo này.", 400)
    if not form.is_valid():
        return _render_form(request, page, form, NOT_SENT, 400)
    try:
        tip = submit_tip(page, form, received_at)
    except TipRefused as refusal:
        return _render_form(request, page, form, str(refusal), 409)
    except FileNotStored:
        return _render_form(request, page, form, FILE_NOT_STORED, 503)
    return _receipt(request, page, tip)


def _uncounted_refusal(request):
    """(refusal, status) when this send must be refused before its form is read, else (None, None): over the
    address's limit, or past the number after which the address must solve a puzzle and it did not."""
    refusal = challenges.screen(request, "tip", limits.TIPS_PER_ADDRESS, limits.TIPS_BEFORE_CHALLENGE)
    return (REFUSALS[refusal], refusal.value) if refusal else (None, None)


def declared_length(request):
    """The body's length as the request declares it; a value that is not a number counts as none."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _render_form(request, page, form, refusal=None, status=200):
    context = {
        "page": page,
        "form": form,
        "refusal": refusal,
        "files_not_kept": _files_dropped(request, form),
        "files_not_kept_message": FILES_NOT_KEPT,
        "puzzle": challenges.new_puzzle(),
        "puzzle_bits": challenges.DIFFICULTY_BITS,
    }
    return TemplateResponse(request, "tips/tip_page.html", context, status=status)


def _files_dropped(request, form):
    # Files are never kept for a form sent back; an unbound form without initial data answers a request whose
    # body was left unread on purpose (too big), which must stay unread.
    sent_back = form.is_bound or bool(form.initial)
    return bool(sent_back and request.FILES)


def _receipt(request, page, tip):
    context = {"page": page, "tip": tip, "received_at": time_and_date(tip.received_at)}
    response = TemplateResponse(request, "tips/receipt.html", context)
    private(response)
    return response


def private(response):
    # One tipster's receipt or status: never kept by a cache, never indexed.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"


def tip_status(page, request):
    """The status of the tip with a receipt code, and nothing else of it: neither what was told nor by whom."""
    form, found, refusal, status = StatusLookupForm(), None, None, 200
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        refusal, status = _lookup_refusal(request)
        if refusal is None:
            found, refusal, status = _look_up(request, page, form)
    context = {"page": page, "form": form, "found": found, "refusal": refusal}
    response = TemplateResponse(request, "tips/status.html", context, status=status)
    private(response)
    return response


def _lookup_refusal(request):
    try:
        if rate_limits.allow(request, "tip-status", limits.STATUS_LOOKUPS_PER_ADDRESS):
            return None, None
    except rate_limits.CountingUnavailable:
        return CANNOT_COUNT_LOOKUP, 503
    return TOO_MANY, 429


def _look_up(request, page, form):
    """(public status, refusal, status code) for a look-up that may be read."""
    if not form.is_valid():
        return None, None, 400
    tip = (
        Tip.objects.select_related("assignment__story", "duplicate_of__assignment__story")
        .filter(page=page, receipt_code=form.cleaned_data["receipt_code"])
        .first()
    )
    if tip is None:
        return None, NOT_FOUND, 404
    return public_status(tip, request), None, 200
