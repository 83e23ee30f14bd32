"""The public media's addresses are the ones Django's FileSystemStorage writes, for any name and media address."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from django.core.files.storage import FileSystemStorage, default_storage
from django.test import override_settings

from core.public_storage import PublicMediaStorage

MEDIA_URLS = [
    "/media/",
    "https://anh.baodaklak.vn/media/",
    "/media/./tep/",
    "/media//tep/",
    "/media/?phien-ban=2",
    "https://cdn.example:8443/a/../media/",
]
name_parts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=12
)
names = st.lists(
    st.one_of(name_parts, st.sampled_from(["", ".", "..", "images", "ảnh đẹp.jpg"])), max_size=5
).map("/".join)


@pytest.mark.parametrize("media_url", MEDIA_URLS)
@given(name=names)
@example(name="images/anh-1.fill-360x202-c75.format-avif.avif")
@example(name="/images/../x.jpg")
@example(name="images//x.jpg")
@example(name="Đắk Lắk/ảnh 50% #1?.jpg")
def test_an_address_is_the_one_djangos_storage_writes(media_url, name):
    ours = PublicMediaStorage(base_url=media_url)
    djangos = FileSystemStorage(base_url=media_url)

    assert ours.url(name) == djangos.url(name)


def test_a_rendition_has_its_address_under_the_media_url(settings):
    with override_settings(MEDIA_URL="https://anh.baodaklak.vn/media/"):
        assert default_storage.url("images/a.jpg") == "https://anh.baodaklak.vn/media/images/a.jpg"
    assert isinstance(default_storage, PublicMediaStorage)
    assert default_storage.url("images/a.jpg") == f"{settings.MEDIA_URL}images/a.jpg"
