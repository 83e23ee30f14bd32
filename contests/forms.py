"""The public forms, in Vietnamese: sending an entry and looking one up."""

import uuid
from operator import attrgetter

from django import forms
from django.core.exceptions import ValidationError

from core.public_forms import PHONE, STALE_FORM, vietnamese_messages
from core.receipts import normalize_receipt_code
from core.text_limits import state_vietnamese_limits

from .files import MAX_FILE_LABEL, check_entry_file
from .models import Entry


class EntryForm(forms.ModelForm):
    """An entry. The idempotency token comes with the page, so a double click or a resent page is one entry."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # A field people never see or fill; bots that fill every field give themselves away.
    homepage = forms.CharField(
        required=False,
        label="Để trống ô này",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    attachment = forms.FileField(
        required=False,
        label="Tệp bài dự thi",
        error_messages={"invalid": "Tệp gửi lên không hợp lệ.", "empty": "Tệp gửi lên trống."},
    )
    consented_to_rules = forms.BooleanField(
        label="Tôi đã đọc và đồng ý với thể lệ cuộc thi; bài viết là của tôi và chưa đăng ở đâu.",
        error_messages={"required": "Bạn cần đồng ý với thể lệ để gửi bài."},
    )
    consented_to_publication = forms.BooleanField(
        label="Tôi đồng ý để Ban tổ chức công bố, đăng tải bài viết và tên tôi chọn dưới đây nếu bài đoạt giải.",
        error_messages={"required": "Bạn cần đồng ý cho phép công bố để gửi bài."},
    )

    class Meta:
        model = Entry
        fields = [
            "full_name",
            "pen_name",
            "email",
            "phone",
            "address",
            "category",
            "title",
            "text",
            "credit",
            "consented_to_rules",
            "consented_to_publication",
        ]
        labels = {
            "full_name": "Họ và tên",
            "pen_name": "Bút danh (nếu có)",
            "email": "Email",
            "phone": "Số điện thoại",
            "address": "Địa chỉ hoặc cơ quan, đơn vị",
            "category": "Thể loại",
            "title": "Tên bài dự thi",
            "text": "Nội dung bài dự thi",
            "credit": "Tên công bố nếu đoạt giải",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 16}), "credit": forms.RadioSelect}
        error_messages = {
            "full_name": vietnamese_messages(),
            "email": vietnamese_messages(invalid="Địa chỉ email chưa đúng, ví dụ: ten@gmail.com."),
            "phone": vietnamese_messages(),
            "address": vietnamese_messages(),
            "category": vietnamese_messages(invalid_choice="Vui lòng chọn một thể loại của cuộc thi."),
            "title": vietnamese_messages(),
            "pen_name": vietnamese_messages(),
            "text": vietnamese_messages(),
            "credit": vietnamese_messages(invalid_choice="Vui lòng chọn tên công bố."),
        }

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["category"].queryset = contest.categories.all()
        self.fields["category"].required = True
        self.fields["category"].empty_label = "— Chọn thể loại —"
        # The reader is on the contest's page: its categories by their own names (not "contest · category").
        self.fields["category"].label_from_instance = attrgetter("name")
        self.fields["text"].help_text = self._text_help()
        self.fields["submission_token"].initial = uuid.uuid4()
        self.fields["submission_token"].error_messages = {"required": STALE_FORM, "invalid": STALE_FORM}
        if contest.accepted_file_kinds:
            kinds = ", ".join(kind.upper() for kind in contest.accepted_file_kinds)
            self.fields["attachment"].help_text = f"Định dạng {kinds}, tối đa {MAX_FILE_LABEL}."
        else:
            del self.fields["attachment"]
        # Every limit the model holds the entry to (Entry's max_length), said beside its field.
        state_vietnamese_limits(self.fields)

    def _text_help(self):
        minimum, maximum = self.contest.min_words, self.contest.max_words
        if minimum and maximum:
            return f"Từ {minimum} đến {maximum} từ."
        if minimum:
            return f"Ít nhất {minimum} từ."
        return f"Tối đa {maximum} từ." if maximum else ""

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise ValidationError("Số điện thoại chưa đúng, ví dụ: 0912 345 678.")
        return phone

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if text:
            self._check_word_count(len(text.split()))
        return text

    def _check_word_count(self, words):
        minimum, maximum = self.contest.min_words, self.contest.max_words
        if minimum and words < minimum:
            raise ValidationError(f"Bài viết có {words} từ, ít hơn mức tối thiểu {minimum} từ.")
        if maximum and words > maximum:
            raise ValidationError(f"Bài viết có {words} từ, vượt mức tối đa {maximum} từ.")

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            self.file_kind = check_entry_file(uploaded, self.contest.accepted_file_kinds)
        return uploaded

    def clean(self):
        cleaned_data = super().clean()
        if (
            not cleaned_data.get("text")
            and not cleaned_data.get("attachment")
            and not self._has_error_on_content()
        ):
            message = "Vui lòng dán nội dung bài viết"
            message += " hoặc đính kèm tệp bài dự thi." if "attachment" in self.fields else "."
            self.add_error("text", message)
        if cleaned_data.get("credit") == Entry.Credit.PEN_NAME and not cleaned_data.get("pen_name"):
            self.add_error("pen_name", "Bạn chọn công bố bằng bút danh: vui lòng điền bút danh.")
        return cleaned_data

    def _has_error_on_content(self):
        return "text" in self.errors or "attachment" in self.errors

    @property
    def is_bot(self):
        return bool(self.data.get("homepage"))


class StatusLookupForm(forms.Form):
    receipt_code = forms.CharField(label="Mã biên nhận", max_length=40, error_messages=vietnamese_messages())
    email = forms.EmailField(
        label="Email đã dùng khi gửi bài",
        max_length=254,
        error_messages=vietnamese_messages(invalid="Địa chỉ email chưa đúng."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_vietnamese_limits(self.fields)

    def clean_receipt_code(self):
        return normalize_receipt_code(self.cleaned_data["receipt_code"])


def email_key(email):
    """One person, one key: e-mail addresses compared without case or surrounding spaces."""
    return email.strip().lower()
