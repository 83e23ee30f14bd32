"""The station's files and feeds outside the page tree (broadcasts.serving, broadcasts.podcasts)."""

from django.urls import path

from . import podcasts, serving, transcripts

app_name = "broadcasts"
urlpatterns = [
    path("files/<int:pk>/<str:filename>", serving.media_file, name="media_file"),
    path("captions/<int:pk>.vtt", serving.captions_file, name="captions_file"),
    path("transcripts/<int:pk>.txt", transcripts.transcript, name="transcript"),
    path("podcasts/<int:pk>.xml", podcasts.ProgrammePodcast(), name="programme_podcast"),
    path("podcasts/language/<str:code>.xml", podcasts.LanguagePodcast(), name="language_podcast"),
]
