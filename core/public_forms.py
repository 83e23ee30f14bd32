"""What the public forms (contest entries, tips, knowledge contests) say when a field is refused, in Vietnamese,
and the phone numbers they take."""

import re

# Digits with the spaces, dots and dashes people write them with, and an optional leading +.
PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")
REQUIRED = {"required": "Vui lòng điền mục này."}
TOO_LONG = "Tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."
STALE_FORM = "Biểu mẫu đã cũ, vui lòng tải lại trang."


def vietnamese_messages(**extra):
    """A field's error messages: required, too long, and those `extra` names."""
    return {**REQUIRED, "max_length": TOO_LONG, **extra}
