"""The public side of a knowledge contest: its page with the open round's form, an attempt, the results."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control

from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from core import challenges
from core.dates import duration, long_date, time_and_date

from . import kept_pages
from .forms import OPTION_LETTERS, AnswerForm, EntrantForm
from .models import Attempt, Publication, Question, QuizPrize, RoundPhase
from .ranking import participation
from .taking import AttemptRefused, start_attempt, submit_attempt

TOO_MANY = (
    "Có quá nhiều lượt thi từ địa chỉ mạng của bạn trong ít phút. Vui lòng đợi khoảng 10 phút rồi thử lại."
)
# While starts cannot be counted (the shared cache is down), they are refused: fail closed, as the other forms.
CANNOT_COUNT = "Hệ thống đang bận, chưa bắt đầu được lượt thi. Vui lòng thử lại sau ít phút."
UNSOLVED = (
    "Trình duyệt của bạn chưa hoàn tất bước xác minh chống gửi tự động. Vui lòng bấm lại nút "
    "“Bắt đầu làm bài” sau vài giây (trang cần được bật JavaScript)."
)
REFUSALS = {
    challenges.Refusal.TOO_MANY: TOO_MANY,
    challenges.Refusal.UNSOLVED: UNSOLVED,
    challenges.Refusal.CANNOT_COUNT: CANNOT_COUNT,
}
NOT_STARTED = "Chưa bắt đầu được lượt thi: vui lòng xem lại các mục được đánh dấu bên dưới."
NOT_SENT = "Bài làm chưa được nộp: vui lòng xem lại các mục được đánh dấu bên dưới."


def quiz_routes():
    """The contest page's routes (see QUIZ_ROUTES_HOOK): each view is called as the page's own method."""
    return [
        path("", quiz_page, name="contest"),
        path("bai-thi/<str:key>/", attempt_page, name="attempt"),
        path("ket-qua/", quiz_results, name="results"),
    ]


def quiz_page(contest, request):
    if request.method == "POST":
        return _start(request, contest)
    page = kept_pages.kept(request, request.get_full_path(), lambda: _contest_page_to_keep(request, contest))
    return HttpResponse(kept_pages.with_reader_fields(request, page))


def _contest_page_to_keep(request, contest):
    """(the contest page as every reader gets it, with placeholders for the reader's own fields, for how many
    seconds it stays as it is): until the next opening or closing of a round changes what it shows."""
    now = timezone.now()
    context = _contest_context(contest, EntrantForm(), now=now)
    context.update(csrf_token=kept_pages.TOKEN_PLACEHOLDER, puzzle=kept_pages.PUZZLE_PLACEHOLDER)
    changes = [
        moment
        for item in context["rounds"]
        for moment in (item["round"].opens_at, item["round"].closes_at)
        if moment > now
    ]
    seconds = min((moment - now).total_seconds() for moment in changes) if changes else float("inf")
    return render_to_string("quizzes/quiz_page.html", context, request), seconds


def _start(request, contest):
    now = timezone.now()
    form = EntrantForm(request.POST)
    refusal, status = _uncounted_refusal(request)
    if refusal:
        return _render_contest(request, contest, EntrantForm(initial=request.POST.dict()), refusal, status)
    if form.is_bot:
        return _render_contest(request, contest, form, "Không thể bắt đầu lượt thi này.", 400)
    if not form.is_valid():
        return _render_contest(request, contest, form, NOT_STARTED, 400)
    quiz_round = contest.rounds.filter(pk=form.cleaned_data["round"]).first()
    if quiz_round is None:
        return _render_contest(request, contest, form, "Vòng thi này không còn, vui lòng tải lại trang.", 400)
    try:
        attempt = start_attempt(quiz_round, form.details(), now)
    except AttemptRefused as refusal:
        return _render_contest(request, contest, form, str(refusal), 409)
    # 303: the browser opens the attempt with GET, and going back does not send the form again.
    return HttpResponseRedirect(attempt_url(request, contest, attempt), status=303)


def _uncounted_refusal(request):
    """(refusal, status) when this start must be refused before its form is read, else (None, None): over the
    address's limit, or past the number after which the address must solve a puzzle and it did not."""
    refusal = challenges.screen(
        request, "quiz-start", settings.QUIZ_STARTS_PER_ADDRESS, settings.QUIZ_STARTS_BEFORE_CHALLENGE
    )
    return (REFUSALS[refusal], refusal.value) if refusal else (None, None)


def attempt_url(request, contest, attempt):
    return routablepageurl({"request": request}, contest, "attempt", attempt.key)


def _render_contest(request, contest, form, refusal=None, status=200):
    context = _contest_context(contest, form, refusal)
    return TemplateResponse(request, "quizzes/quiz_page.html", context, status=status)


def _contest_context(contest, form, refusal=None, now=None):
    now = now or timezone.now()
    rounds = list(contest.rounds.select_related("publication"))
    open_round = next((r for r in rounds if r.phase(now) == RoundPhase.OPEN), None)
    if open_round and form is not None and not form.is_bound:
        form.initial["round"] = open_round.pk
    context = {
        "page": contest,
        "rounds": [_round_context(quiz_round, now) for quiz_round in rounds],
        "open_round": open_round and _round_context(open_round, now),
        "next_round": next((r for r in rounds if r.phase(now) == RoundPhase.UPCOMING), None),
        "form": form if open_round else None,
        "refusal": refusal,
        "puzzle": challenges.new_puzzle(),
        "puzzle_bits": challenges.DIFFICULTY_BITS,
        "prizes": contest.prizes.all(),
        "has_results": any(getattr(r, "publication", None) for r in rounds),
    }
    return context


def _round_context(quiz_round, now):
    phase = quiz_round.phase(now)
    return {
        "round": quiz_round,
        "phase": phase,
        "phase_name": RoundPhase(phase).label,
        "opens": time_and_date(quiz_round.opens_at),
        "closes": time_and_date(quiz_round.closes_at),
        "published": getattr(quiz_round, "publication", None) is not None,
    }


def attempt_page(contest, request, key):
    attempt = (
        Attempt.objects.select_related("round", "entrant").filter(key=key, round__contest=contest).first()
    )
    if attempt is None:
        raise Http404("Không tìm thấy lượt thi này.")
    # The contest is the page this request was routed to: not read again with the attempt.
    attempt.round.contest = contest
    now = timezone.now()
    form, refusal, status, replayed = None, None, 200, False
    if request.method == "POST":
        attempt, form, refusal, status, replayed = _send(request, attempt, now)
    elif not attempt.is_submitted and now <= attempt.deadline:
        form = AnswerForm(attempt)
    context = _attempt_context(contest, attempt, form, refusal, replayed, now)
    if form is not None:
        context["csrf_token"] = get_token(request)
    # The attempt alone is made for each request; the page around it is every attempt's (kept_pages).
    content = render_to_string("quizzes/attempt_page.html", {**context, "request": request})
    frame = kept_pages.kept(request, f"|attempt-frame|{contest.pk}", lambda: _attempt_frame(request, contest))
    response = HttpResponse(kept_pages.framed(frame, content), status=status)
    # One person's questions and score: never kept by a cache, never indexed.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _attempt_frame(request, contest):
    """(the page around an attempt, for as long as the page cache keeps a page). It names no page of its own, so
    that no link in its head (canonical, the previews for sharing) gives away an attempt's address."""
    context = {"contest": contest, "content": kept_pages.CONTENT_PLACEHOLDER}
    return render_to_string("quizzes/attempt_frame.html", context, request), settings.PAGE_CACHE_SECONDS


def _send(request, attempt, now):
    """(the attempt as it stands, form to show again or None, refusal, status, replayed) for a sent attempt."""
    if attempt.is_submitted:
        return attempt, None, None, 200, True
    form = AnswerForm(attempt, request.POST)
    if not form.is_valid():
        # Nothing is saved; the answers chosen stay on the page while time is left.
        keep = form if now <= attempt.deadline else None
        return attempt, keep, NOT_SENT if keep else _first_error(form), 400, False
    try:
        sent = submit_attempt(attempt.key, form.chosen(), form.prediction(), now)
    except AttemptRefused as refusal:
        return attempt, None, str(refusal), 409, False
    return sent.attempt, None, None, 200, sent.replayed


def _first_error(form):
    return next(iter(form.errors.values()))[0]


def _attempt_context(contest, attempt, form, refusal, replayed, now):
    quiz_round = attempt.round
    context = {
        "page": contest,
        "attempt": attempt,
        "round": quiz_round,
        "form": form,
        "refusal": refusal,
        "replayed": replayed,
        "deadline": time_and_date(attempt.deadline),
        "seconds_left": max(0, int((attempt.deadline - now).total_seconds())),
        "round_closes": time_and_date(quiz_round.closes_at),
        "answers_shown": quiz_round.phase(now) == RoundPhase.CLOSED,
    }
    if form is not None:
        context["questions"] = [
            (position, question, form[name]) for position, question, name in form.questions
        ]
    if attempt.is_submitted:
        context["sent_at"] = time_and_date(attempt.submitted_at)
        context["time_taken"] = duration(attempt.duration_ms / 1000)
        if context["answers_shown"]:
            context["review"] = review(attempt)
    return context


def review(attempt):
    """[(position, question, [(letter, option, chosen), ...], answered right), ...]: the attempt's questions with
    their options in the order shown, for the page that shows the right answers once the round has closed."""
    questions = Question.objects.prefetch_related("options").in_bulk([pk for pk, _ in attempt.drawn])
    reviewed = []
    for position, ((question_pk, option_pks), chosen) in enumerate(
        zip(attempt.drawn, attempt.answers, strict=True), start=1
    ):
        question = questions[question_pk]
        options = {option.pk: option for option in question.options.all()}
        shown = [
            (letter, options[pk], pk in chosen)
            for letter, pk in zip(OPTION_LETTERS, option_pks, strict=False)
            if pk in options
        ]
        correct = {pk for pk, option in options.items() if option.is_correct} == set(chosen)
        reviewed.append((position, question, shown, correct))
    return reviewed


def quiz_results(contest, request):
    """Each published round's winners, then the whole contest's and the units'; not found before any."""
    publications = list(
        Publication.objects.filter(contest=contest)
        .select_related("round")
        .prefetch_related(
            "winners__entrant__unit",
            "winners__entrant__locality",
            "collective_winners__unit",
            "collective_winners__locality",
        )
        .order_by("round__opens_at")
    )
    if not publications:
        raise Http404("Kết quả cuộc thi chưa được công bố.")
    whole = next((p for p in publications if p.round_id is None), None)
    context = {
        "page": contest,
        "rounds": [p for p in publications if p.round_id is not None],
        "whole": whole,
        "whole_published_on": whole and long_date(whole.published_at),
        "participation": participation(contest) if whole else None,
        "collective_prizes": contest.prizes_for(QuizPrize.Scope.COLLECTIVE),
    }
    return TemplateResponse(request, "quizzes/results.html", context)
