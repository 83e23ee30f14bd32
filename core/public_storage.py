"""Where public media live (images and their renditions, documents): Django's FileSystemStorage, with a file's
address written as the media address followed by the file's, as urllib's urljoin writes it for such names.

A page shows some thirty pictures of six renditions each, and Django joins every rendition's name to MEDIA_URL
with urljoin, which parses both addresses each time: 5 µs a rendition, nearly a millisecond a home page. Names
that urljoin would rewrite (an empty, "." or ".." part) and a media address it would rewrite are left to it.
"""

from functools import lru_cache
from urllib.parse import urljoin

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri

REWRITTEN_PARTS = frozenset({"", ".", ".."})


@deconstructible
class PublicMediaStorage(FileSystemStorage):
    def url(self, name):
        relative = None if name is None else filepath_to_uri(name).lstrip("/")
        base_url = self.base_url
        if (
            relative is None
            or not joins_by_concatenation(base_url)
            or REWRITTEN_PARTS & set(relative.split("/"))
        ):
            return super().url(name)
        return base_url + relative


@lru_cache(maxsize=16)
def joins_by_concatenation(base_url):
    """Whether urljoin writes `base_url` followed by a plain name as they are (not for an address with a query,
    or with a "." or an empty part, which it rewrites)."""
    return base_url is not None and urljoin(base_url, "a/b") == f"{base_url}a/b"
