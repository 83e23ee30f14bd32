"""The house style's dates in templates (core.dates); no date shows as nothing, as Django's `date` filter does."""

from django import template

from core import dates

register = template.Library()


@register.filter
def short_date(value):
    """10/3/2025"""
    return "" if value in (None, "") else dates.short_date(value)


@register.filter
def long_date(value):
    """ngày 10 tháng 3 năm 2025"""
    return "" if value in (None, "") else dates.long_date(value)


@register.filter
def time_and_date(value):
    """14:30 ngày 10/3/2025"""
    return "" if value in (None, "") else dates.time_and_date(value)
