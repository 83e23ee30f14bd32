"""The site's URLs with MEDIA_URL served, as the web server serves it in production (README: Running in
production): a test that follows a picture's address from a page or a feed uses them, through
`pytest.mark.urls("tests.served_media")`."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
    ),
    *site_urlpatterns,
]
