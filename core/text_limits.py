"""A text field's length limit, stated where the user reads it: in the field's help text, beside the field.

The forms enforce the limit (their fields' max_length) and name it in the refusal; these functions only say it
up front. Public pages speak Vietnamese directly; the admin speaks the user's language.
"""

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext


def vietnamese_number(number):
    """100000 -> "100.000", as Vietnamese writes thousands."""
    return f"{number:,}".replace(",", ".")


def vietnamese_limit_note(max_length):
    return f"Tối đa {vietnamese_number(max_length)} ký tự."


def state_vietnamese_limits(fields):
    """Append "Tối đa N ký tự." to the help text of every form field with a max_length."""
    for field in fields.values():
        if getattr(field, "max_length", None):
            field.help_text = " ".join(
                filter(None, [str(field.help_text), vietnamese_limit_note(field.max_length)])
            )


def _limit_note(max_length):
    return gettext("At most %(count)s characters.") % {
        "count": number_format(max_length, force_grouping=True)
    }


limit_note = lazy(_limit_note, str)


def with_limit(help_text, max_length):
    """A model field's help text followed by its limit, in the admin user's language when shown."""
    return format_lazy("{} {}", help_text, limit_note(max_length))
