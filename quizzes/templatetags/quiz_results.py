from django import template

from core.dates import duration

from ..phones import masked

register = template.Library()


@register.filter
def masked_phone(phone_key):
    return masked(phone_key)


@register.filter
def milliseconds_as_duration(milliseconds):
    return duration(milliseconds / 1000)
