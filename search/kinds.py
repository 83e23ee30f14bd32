"""What the search finds, by kind, and the Vietnamese names the public pages give the kinds and exemplar kinds.

An article keeps its own kind (article, photo, video, audio), and a broadcast's episode is a video or an audio
item as such an article is; every other source has one kind of its own.
Only exemplar profiles have an exemplar kind (the profile's subject: individual, collective, household).
"""

from exemplars.models import ExemplarPage
from newsroom.models import ArticlePage

EXEMPLAR = "exemplar"
MOVEMENT = "movement"
CONTEST = "contest"
CAMPAIGN = "campaign"

# The public pages speak Vietnamese whatever the admin's language.
KIND_LABELS = {
    ArticlePage.Kind.ARTICLE.value: "Bài viết",
    ArticlePage.Kind.PHOTO.value: "Phóng sự ảnh",
    ArticlePage.Kind.VIDEO.value: "Video",
    ArticlePage.Kind.AUDIO.value: "Phát thanh",
    EXEMPLAR: "Điển hình tiên tiến",
    MOVEMENT: "Phong trào thi đua",
    CONTEST: "Cuộc thi",
    CAMPAIGN: "Chuyên mục kỷ niệm",
}
KINDS = sorted(KIND_LABELS)

EXEMPLAR_KIND_LABELS = ExemplarPage.SUBJECT_KIND_NAMES
EXEMPLAR_KINDS = sorted(EXEMPLAR_KIND_LABELS)
