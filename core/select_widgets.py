"""A select list drawn in Python, for public forms whose lists are long.

Django draws a <select> with a template that includes one more template per <option>: a list of a few hundred
options (the registry's localities and units) costs milliseconds of every request that shows it. QuickSelect
writes the same HTML as Django's templates (django/forms/widgets/select.html, select_option.html and attrs.html),
character for character, from the same context.
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            parts.extend(f"\n  {_option(option)}\n" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every value is escaped above, as the templates escape it.
        return mark_safe("".join(parts))


def _option(option):
    value, attributes, label = _string(option["value"]), _attributes(option["attrs"]), _text(option["label"])
    return f'<option value="{value}"{attributes}>{label}</option>'


def _attributes(attrs):
    """` name="value"` for each attribute; ` name` alone for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value):
    """`{{ value }}`: localized, then escaped unless marked safe."""
    return conditional_escape(localize(value))


def _string(value):
    """`{{ value|stringformat:'s' }}`: the value as str, escaped unless it was marked safe."""
    return conditional_escape(value) if isinstance(value, SafeData) else conditional_escape(str(value))
