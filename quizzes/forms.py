"""The public forms, in Vietnamese: who is taking part, and an attempt's answers."""

import datetime
import re
import string

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.public_forms import REQUIRED
from core.text_limits import state_vietnamese_limits
from exemplars.models import Locality, Unit

from .models import Question, QuestionOption
from .phones import NotAPhoneNumber, phone_key
from .taking import EntrantDetails

ID_NUMBER = re.compile(r"^(?:\d{9}|\d{12})$")
OLDEST_BIRTH_YEAR = 1900
ANSWER_PREFIX = "cau-"
# Predictions are counts of people: a number longer than this is no count.
MAX_PREDICTION_DIGITS = 12
UNIT_PREFIX, LOCALITY_PREFIX = "unit-", "locality-"
# A row's number longer than this is none of ours (a bigint has 19 digits).
MAX_ROW_DIGITS = 18
# Options are shown as A, B, C...: a question has at most this many.
OPTION_LETTERS = string.ascii_uppercase


def affiliation_choices():
    """The units, then the communes and wards, each in Vietnamese order, grouped for the select."""
    units = Unit.objects.exclude(kind__in=Unit.FORMER_KINDS).values_list("pk", "name")
    localities = Locality.objects.present().values_list("pk", "name")
    return [
        ("", "— Chọn cơ quan, đơn vị hoặc xã, phường —"),
        ("Cơ quan, đơn vị", [(f"{UNIT_PREFIX}{pk}", name) for pk, name in units]),
        (
            "Xã, phường (nếu không thuộc cơ quan, đơn vị nào)",
            [(f"{LOCALITY_PREFIX}{pk}", name) for pk, name in localities],
        ),
    ]


class ManyOptionsSelect(forms.Select):
    """A select written out directly: Django renders each option through a template of its own, which costs the
    contest's page (opened by every entrant, in a round's last hour by thousands) a third of its time for the
    registry's hundreds of units."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        options = []
        for value_or_group, label_or_choices in self.choices:
            if isinstance(label_or_choices, list | tuple):
                group = _options(label_or_choices, selected)
                options.append(format_html('<optgroup label="{}">{}</optgroup>', value_or_group, group))
            else:
                options.append(_options([(value_or_group, label_or_choices)], selected))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, mark_safe("".join(options)))


def _options(choices, selected):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == selected else "", label)
            for value, label in choices
        ),
    )


class AffiliationField(forms.ChoiceField):
    """A unit or a commune of the registry's hundreds: the choices are read only when the select is shown; a
    value sent is checked by reading its one row (EntrantForm.clean_affiliation)."""

    def valid_value(self, value):
        prefix, _, pk = str(value).rpartition("-")
        return (
            f"{prefix}-" in (UNIT_PREFIX, LOCALITY_PREFIX)
            and pk.isascii()
            and pk.isdigit()
            and len(pk) <= MAX_ROW_DIGITS
        )


class DirectChoicesMixin:
    """Radio buttons or checkboxes written out directly, in the markup Django's templates give them (a label
    holding its input, a div each): an attempt's page shows forty of them, each a template render otherwise."""

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        base_id = attributes.get("id", f"id_{name}")
        chosen = {
            str(item) for item in (value if isinstance(value, list | tuple) else [value]) if item is not None
        }
        choices = format_html_join(
            "",
            '<div>\n    <label for="{}_{}"><input type="{}" name="{}" value="{}" id="{}_{}"{}>\n {}</label>\n\n</div>',
            (
                (
                    base_id,
                    index,
                    self.input_type,
                    name,
                    option,
                    base_id,
                    index,
                    _checked(option, chosen),
                    label,
                )
                for index, (option, label) in enumerate(self.choices)
            ),
        )
        return format_html('<div id="{}">{}\n</div>', base_id, choices)


def _checked(option, chosen):
    return mark_safe(" checked") if str(option) in chosen else ""


class DirectRadioSelect(DirectChoicesMixin, forms.RadioSelect):
    """A single choice question's options."""


class DirectCheckboxes(DirectChoicesMixin, forms.CheckboxSelectMultiple):
    """A multiple choice question's options."""


class EntrantForm(forms.Form):
    """Who takes the attempt. No account: the phone number tells one person's attempts from another's."""

    round = forms.IntegerField(widget=forms.HiddenInput)
    full_name = forms.CharField(label="Họ và tên", max_length=120, error_messages=REQUIRED)
    birth_date = forms.DateField(
        label="Ngày sinh",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": "Ngày sinh chưa đúng, ví dụ: 10/3/1990."},
    )
    phone = forms.CharField(
        label="Số điện thoại",
        max_length=20,
        help_text="Mỗi người dùng một số điện thoại riêng; Ban tổ chức liên hệ trao giải qua số này.",
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages=REQUIRED,
    )
    affiliation = AffiliationField(
        label="Cơ quan, đơn vị hoặc xã, phường",
        choices=affiliation_choices,
        widget=ManyOptionsSelect,
        error_messages={**REQUIRED, "invalid_choice": "Vui lòng chọn trong danh sách."},
    )
    id_number = forms.CharField(
        label="Số căn cước (không bắt buộc)",
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    consented = forms.BooleanField(
        label=(
            "Tôi đồng ý để Ban tổ chức dùng các thông tin trên để liên hệ trao giải; nếu đoạt giải, họ tên, "
            "đơn vị và số điện thoại (đã che một phần) của tôi được công bố."
        ),
        error_messages={"required": "Bạn cần đồng ý để dự thi."},
    )
    # A field people never see or fill; bots that fill every field give themselves away.
    homepage = forms.CharField(
        required=False,
        label="Để trống ô này",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_vietnamese_limits(self.fields)

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise ValidationError(REQUIRED["required"])
        return name

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        if not datetime.date(OLDEST_BIRTH_YEAR, 1, 1) <= born <= timezone.localdate():
            raise ValidationError("Ngày sinh chưa đúng, ví dụ: 10/3/1990.")
        return born

    def clean_phone(self):
        try:
            return phone_key(self.cleaned_data["phone"])
        except NotAPhoneNumber as error:
            raise ValidationError(str(error)) from error

    def clean_id_number(self):
        number = self.cleaned_data["id_number"].replace(" ", "")
        if number and not ID_NUMBER.match(number):
            raise ValidationError("Số căn cước gồm 12 chữ số (chứng minh nhân dân cũ: 9 chữ số).")
        return number

    def clean_affiliation(self):
        value = self.cleaned_data["affiliation"]
        prefix, _, pk = value.rpartition("-")
        # The rows the select offers (affiliation_choices), and no other.
        if f"{prefix}-" == UNIT_PREFIX:
            found = Unit.objects.exclude(kind__in=Unit.FORMER_KINDS).filter(pk=pk).first()
        else:
            found = Locality.objects.present().filter(pk=pk).first()
        if found is None:
            raise ValidationError(self.fields["affiliation"].error_messages["invalid_choice"])
        return found

    @property
    def is_bot(self):
        return bool(self.data.get("homepage"))

    def details(self):
        data = self.cleaned_data
        affiliation = data["affiliation"]
        return EntrantDetails(
            full_name=data["full_name"],
            birth_date=data["birth_date"],
            phone_key=data["phone"],
            unit=affiliation if isinstance(affiliation, Unit) else None,
            locality=affiliation if isinstance(affiliation, Locality) else None,
            id_number=data["id_number"],
        )


class AnswerForm(forms.Form):
    """An attempt's answers: one field per drawn question ("cau-1"...), its choices the options' letters in the
    order shown, so nothing sent to the browser names a question's or an option's row; and the prediction."""

    def __init__(self, attempt, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempt = attempt
        # The drawn questions' options, each with its question, in one query.
        options = {
            option.pk: option
            for option in QuestionOption.objects.filter(
                question__in=[question_pk for question_pk, _ in attempt.drawn]
            ).select_related("question")
        }
        questions = {option.question_id: option.question for option in options.values()}
        # A question drawn with no option left has none to bring it.
        questions.update(Question.objects.in_bulk({pk for pk, _ in attempt.drawn} - questions.keys()))
        self.questions = []
        for position, (question_pk, option_pks) in enumerate(attempt.drawn, start=1):
            question = questions[question_pk]
            choices = [
                (letter, options[pk].text) for letter, pk in zip(OPTION_LETTERS, option_pks, strict=False)
            ]
            field_class, widget = (
                (forms.MultipleChoiceField, DirectCheckboxes)
                if question.kind == Question.Kind.MULTIPLE
                else (forms.ChoiceField, DirectRadioSelect)
            )
            name = f"{ANSWER_PREFIX}{position}"
            self.fields[name] = field_class(
                label=question.text,
                choices=choices,
                widget=widget,
                required=False,
                error_messages={"invalid_choice": "Lựa chọn không có trong câu hỏi này."},
            )
            self.questions.append((position, question, name))
        self.fields["prediction"] = forms.CharField(
            label=attempt.round.contest.prediction_question,
            required=False,
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )

    def clean(self):
        cleaned_data = super().clean()
        drawn = {name for _, _, name in self.questions}
        stray = [key for key in self.data if key.startswith(ANSWER_PREFIX) and key not in drawn]
        if stray:
            raise ValidationError("Bài làm có câu trả lời cho câu hỏi không thuộc lượt thi của bạn.")
        return cleaned_data

    def clean_prediction(self):
        return read_prediction(self.cleaned_data["prediction"])

    def chosen(self):
        """[[option pks], ...] in the order drawn, from the letters chosen."""
        chosen = []
        for (_, option_pks), (_, _, name) in zip(self.attempt.drawn, self.questions, strict=True):
            letters = self.cleaned_data.get(name) or []
            letters = [letters] if isinstance(letters, str) else letters
            chosen.append([option_pks[OPTION_LETTERS.index(letter)] for letter in letters])
        return chosen

    def prediction(self):
        return self.cleaned_data.get("prediction")


def read_prediction(text):
    """A count as people write it ("1250", "1.250", "1 250"), or None when left empty."""
    digits = re.sub(r"[\s.,]", "", text or "")
    if not digits:
        return None
    if not re.fullmatch(rf"[0-9]{{1,{MAX_PREDICTION_DIGITS}}}", digits):
        raise ValidationError("Dự đoán phải là một số người, ví dụ: 1250.")
    return int(digits)
