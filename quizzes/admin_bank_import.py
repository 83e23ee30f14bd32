"""Importing questions into a round's bank from a spreadsheet (quizzes.bank_import), and the sample file that
shows organisers its layout."""

import io

from openpyxl import Workbook

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.downloads import make_private_download

from .bank_import import BankFileError, add_to_round, read_bank
from .models import QuizRound

PERMISSION = "quizzes.add_question"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE_ROWS = [
    ("Câu hỏi", "Đáp án đúng", "A", "B", "C", "D"),
    (
        "Chiến thắng Buôn Ma Thuột mở đầu vào ngày nào?",
        "B",
        "30/4/1975",
        "10/3/1975",
        "26/3/1975",
        "2/9/1945",
    ),
    (
        "Những cây trồng nào được trồng nhiều ở Đắk Lắk? (chọn nhiều)",
        "A, C",
        "Cà phê",
        "Lúa mì",
        "Hồ tiêu",
        "Táo tây",
    ),
]


class BankImportForm(forms.Form):
    round = forms.ModelChoiceField(
        label=pgettext_lazy("knowledge contest", "Round"),
        queryset=QuizRound.objects.select_related("contest"),
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "XLSX or CSV (UTF-8), at most 2 MB: a heading row, then one question a row: the question, its right "
            "answers as letters (B, or A, C for a multiple choice question), then its options in columns A, B, C…"
        ),
    )


class BankImportView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"
    template_name = "quizzes/admin/bank_import.html"
    form_class = BankImportForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"round": self.request.GET.get("round")}

    def form_valid(self, form):
        quiz_round = form.cleaned_data["round"]
        try:
            added = add_to_round(quiz_round, read_bank(form.cleaned_data["file"]))
        except BankFileError as refusal:
            for error in refusal.errors:
                form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)s question added to %(round)s.", "%(count)s questions added to %(round)s.", added
            )
            % {"count": added, "round": quiz_round},
        )
        return redirect(f"{reverse('quizzes_question:index')}?round={quiz_round.pk}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"sample_url": reverse("quizzes_bank_sample")}


def sample_file(request):
    """An XLSX file laid out as the import reads it, with two example questions."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Questions")
    for row in SAMPLE_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    return make_private_download(response, "mau-ngan-hang-cau-hoi.xlsx")


def bank_import_urls():
    return [
        path("quizzes/questions/import/", BankImportView.as_view(), name="quizzes_bank_import"),
        path("quizzes/questions/import/sample.xlsx", sample_file, name="quizzes_bank_sample"),
    ]
