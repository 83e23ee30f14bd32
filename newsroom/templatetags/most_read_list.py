from django import template

from newsroom.most_read import most_read

register = template.Library()

# As many as a home page's side column shows beside its first sections.
MOST_READ_SHOWN = 5


@register.inclusion_tag("components/most_read.html", takes_context=True)
def most_read_list(context, home):
    """`{% most_read_list page %}`: the outlet's most read articles (newsroom.most_read), or nothing."""
    return {"request": context.get("request"), "most_read": most_read(home, MOST_READ_SHOWN)}
