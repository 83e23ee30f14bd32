"""The public forms, in Vietnamese: sending a tip and looking up its status by the receipt code."""

import uuid

from django import forms
from django.core.exceptions import ValidationError

from core.dates import local_today, short_date
from core.public_forms import PHONE, STALE_FORM, vietnamese_messages
from core.receipts import normalize_receipt_code
from core.text_limits import state_vietnamese_limits
from exemplars.models import Locality

from .files import FILES_HELP, check_tip_files
from .models import Tip


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked by the form as part of the set."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class TipForm(forms.ModelForm):
    """A tip. The idempotency token comes with the page, so a double click or a resent page is one tip."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # A field people never see or fill; bots that fill every field give themselves away.
    homepage = forms.CharField(
        required=False,
        label="Để trống ô này",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    files = MultipleFileField(
        required=False,
        label="Ảnh hoặc video",
        help_text=FILES_HELP,
        error_messages={"invalid": "Tệp gửi lên không hợp lệ.", "empty": "Tệp gửi lên trống."},
        widget=MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.mp4"}),
    )
    consented = forms.BooleanField(
        label=(
            "Tôi xác nhận thông tin trên là đúng sự thật và đồng ý để Ban biên tập dùng thông tin, ảnh, video "
            "này để xác minh và viết bài; thông tin liên hệ của tôi không được công bố."
        ),
        error_messages={"required": "Bạn cần đồng ý để gửi tin báo."},
    )

    class Meta:
        model = Tip
        fields = [
            "who",
            "what",
            "place",
            "locality",
            "happened_on",
            "tipster_name",
            "tipster_phone",
            "tipster_email",
        ]
        labels = {
            "who": "Người hoặc tập thể được nêu",
            "what": "Việc tốt, hành động đẹp",
            "place": "Ở đâu",
            "locality": "Xã, phường (nếu biết)",
            "happened_on": "Ngày xảy ra",
            "tipster_name": "Họ và tên của bạn",
            "tipster_phone": "Số điện thoại của bạn",
            "tipster_email": "Email của bạn",
        }
        help_texts = {
            "who": "Họ tên, tuổi, nghề nghiệp hoặc tên tập thể, nếu bạn biết.",
            "what": "Kể lại sự việc: đã làm gì, giúp ai, kết quả ra sao.",
            "place": "Thôn, buôn, tổ dân phố, địa điểm cụ thể.",
            "tipster_phone": "Cần số điện thoại hoặc email để phóng viên liên hệ xác minh.",
            "tipster_email": "Nếu có, chúng tôi báo cho bạn khi bài viết được đăng.",
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 8}),
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "who": vietnamese_messages(),
            "what": vietnamese_messages(),
            "place": vietnamese_messages(),
            "locality": vietnamese_messages(invalid_choice="Vui lòng chọn một xã, phường trong danh sách."),
            "happened_on": vietnamese_messages(invalid="Ngày chưa đúng, ví dụ: 10/3/2025."),
            "tipster_name": vietnamese_messages(),
            "tipster_phone": vietnamese_messages(),
            "tipster_email": vietnamese_messages(invalid="Địa chỉ email chưa đúng, ví dụ: ten@gmail.com."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.present()
        self.fields["locality"].empty_label = "— Chọn xã, phường —"
        self.fields["happened_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["submission_token"].initial = uuid.uuid4()
        self.fields["submission_token"].error_messages = {"required": STALE_FORM, "invalid": STALE_FORM}
        state_vietnamese_limits(self.fields)

    def clean_happened_on(self):
        happened_on = self.cleaned_data["happened_on"]
        today = local_today()
        if happened_on > today:
            raise ValidationError(f"Ngày xảy ra không thể sau hôm nay ({short_date(today)}).")
        return happened_on

    def clean_tipster_phone(self):
        phone = self.cleaned_data["tipster_phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("Số điện thoại chưa đúng, ví dụ: 0912 345 678.")
        return phone

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        self.file_kinds = check_tip_files(uploads)
        return uploads

    def clean(self):
        cleaned_data = super().clean()
        has_contact = cleaned_data.get("tipster_phone") or cleaned_data.get("tipster_email")
        if not has_contact and not {"tipster_phone", "tipster_email"} & set(self.errors):
            self.add_error("tipster_phone", "Vui lòng để lại số điện thoại hoặc email.")
        return cleaned_data

    @property
    def is_bot(self):
        return bool(self.data.get("homepage"))


class StatusLookupForm(forms.Form):
    receipt_code = forms.CharField(label="Mã biên nhận", max_length=40, error_messages=vietnamese_messages())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_vietnamese_limits(self.fields)

    def clean_receipt_code(self):
        return normalize_receipt_code(self.cleaned_data["receipt_code"])
