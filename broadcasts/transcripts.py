"""An item's transcript as plain text, the file podcast:transcript links to: public once the item is on the air,
like the item's own file (broadcasts.serving); before, it does not exist."""

import unicodedata

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import MediaItem


@require_safe
def transcript(request, pk):
    item = get_object_or_404(MediaItem.objects.on_air().exclude(transcript=""), pk=pk)
    text = unicodedata.normalize("NFC", item.transcript).strip() + "\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
