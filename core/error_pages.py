"""The answer to a request that failed (newsroom/urls.py: handler500): a fault of ours gets the 500 page, a
service out of reach a Vietnamese page saying to try again in a moment, with 503 and Retry-After.

Out of reach: the database (restarting, failed over, its connections used up: Django raises OperationalError or
InterfaceError, wherever the request met it, in a view or a middleware) and the disk (full, read-only, over its
quota). Django calls this handler while it handles the exception, which is read from sys.exc_info(), its causes
included. Neither page asks the database anything: they are plain templates, rendered without context processors.
A JSON API's client gets {"error": ...}. Django logs the failure with its traceback either way.
"""

import errno
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as fault_page

from .unstorable_input import JSON_API_PREFIX

DATABASE_RETRY_SECONDS = 30
DISK_RETRY_SECONDS = 300
DISK_FAILURES = (errno.ENOSPC, errno.EROFS, errno.EDQUOT)

BUSY = {
    "title": "Hệ thống đang bận",
    "message": "Trang bạn yêu cầu tạm thời chưa thể hiển thị. Mời bạn thử lại sau ít phút.",
    "detail": "Nếu bạn vừa gửi bài hoặc biểu mẫu, nội dung đó chưa được ghi nhận: vui lòng gửi lại sau ít phút.",
}
DISK_FULL = {
    "title": "Chưa lưu được tệp",
    "message": "Hệ thống tạm thời không lưu được tệp bạn gửi, nên yêu cầu của bạn chưa được thực hiện.",
    "detail": "Vui lòng gửi lại sau ít phút. Nếu lỗi vẫn tiếp diễn, hãy báo cho quản trị viên của hệ thống.",
}


def server_error(request):
    failure = sys.exc_info()[1]
    if any(isinstance(error, (OperationalError, InterfaceError)) for error in causes(failure)):
        return unavailable(request, BUSY, DATABASE_RETRY_SECONDS)
    if any(isinstance(error, OSError) and error.errno in DISK_FAILURES for error in causes(failure)):
        return unavailable(request, DISK_FULL, DISK_RETRY_SECONDS)
    return fault_page(request)


def causes(error):
    """The exception and those it was raised from or while handling, innermost last."""
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def unavailable(request, page, retry_seconds):
    if request.path_info.startswith(JSON_API_PREFIX):
        error = f"{page['title']}. {page['message']}"
        response = JsonResponse({"error": error}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(render_to_string("503.html", page), status=503)
    response["Retry-After"] = str(retry_seconds)
    # Neither a browser nor a cache in between may keep this answer in place of the page.
    add_never_cache_headers(response)
    return response
