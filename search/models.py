from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from newsroom.models import Language
from newsroom.models.base import NewsroomPage
from newsroom.models.languages import VIETNAMESE_CODE

from .equivalents import MAX_FORM_LENGTH, MAX_FORMS, MIN_FORMS, folded_forms, written_forms

LANGUAGE_CODE_LENGTH = Language._meta.get_field("code").max_length


class SearchDocument(models.Model):
    """One searchable live item in the embedded engine, with its analysed terms (search.analysis).

    Term fields hold space-delimited terms with a space at each end, so " term " finds a whole term.
    exact, folded, title_exact and title_folded keep the tokens in order (phrases, term frequencies);
    keys holds each misspelling key that differs from its folded word. Postings find the rows for a term;
    ranking reads these fields. A search reads a bounded part of each document, however long it is: these
    fields hold the first MAX_RANKED_TOKENS tokens of each part (search.engines.terms), and text the first
    SNIPPET_SOURCE_LENGTH characters (search.engines.base). Only vocabulary, read when the document is
    written, holds every word.
    """

    # Small fields first, the long ones last: SQLite reads a row's columns in order, so listing the facets of
    # many rows stops before the long text. SQLite adds a new column last: a migration adding a small field read
    # with the facets puts it among them (migration 0007's AddSmallField).
    key = models.CharField(max_length=100, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    outlet = models.CharField(max_length=20, db_index=True)
    kind = models.CharField(max_length=20, db_index=True)
    column = models.CharField(max_length=255, blank=True)
    published_at = models.DateTimeField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    # None, not "", when an item has no archive id or is no exemplar: the API returns them as null.
    external_id = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    exemplar_kind = models.CharField(max_length=20, null=True, blank=True)  # noqa: DJ001
    language = models.CharField(max_length=LANGUAGE_CODE_LENGTH, default=VIETNAMESE_CODE)
    # The picture a hit shows (search.schema): an image's id, with no constraint, as the image may go first.
    image_id = models.PositiveIntegerField(null=True, blank=True)
    length = models.PositiveIntegerField(help_text="Number of tokens in folded.")
    title_folded = models.TextField()
    keys = models.TextField()
    title_exact = models.TextField()
    url = models.CharField(max_length=1000)
    title = models.CharField(max_length=500)
    exact = models.TextField()
    folded = models.TextField()
    text = models.TextField(help_text="Plain text that snippets are cut from.")
    vocabulary = models.TextField(default="", help_text="Every distinct folded word, for the term counts.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_per_object")
        ]

    def __str__(self):
        return self.title


class Posting(models.Model):
    """A term (a folded word, a misspelling key, or a word with marks as written) and a document that holds it:
    the inverted index."""

    term = models.CharField(max_length=100)
    # No constraint in the database: PostgreSQL would check each of the hundreds of postings of every document
    # at commit (an archive import ran 7% faster without). Postings are written only with their document
    # (search.engines.database), and deleting the document deletes them (Django's cascade).
    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    in_title = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["term", "document"], name="search_posting_term")]

    def __str__(self):
        return self.term


class Term(models.Model):
    """The vocabulary of folded words with their document frequency: weights terms, corrects typos."""

    term = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    document_count = models.PositiveIntegerField()

    def __str__(self):
        return self.term


class PendingIndexChange(models.Model):
    """A change OpenSearch has not received yet: written with the change itself, so it survives an outage.

    One row per document key (coalesced): a later change to the same object replaces the action and
    `changed_at`, and applying it sends the object as it is then. Rows are deleted once applied.
    """

    class Action(models.TextChoices):
        UPSERT = "upsert", _("index")
        REMOVE = "remove", _("remove")

    key = models.CharField(max_length=100, unique=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the latest change was queued: a row that changed while it was being applied is kept for the next run.
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("pending index change")

    def __str__(self):
        return f"{self.action} {self.key}"


class ReleaseWatermark(models.Model):
    """How far the scheduler has indexed what time alone makes searchable (an episode whose broadcast time has
    come, search.indexing.index_released): one row, moved on at each run."""

    until = models.DateTimeField()

    def __str__(self):
        return self.until.isoformat()


class SynonymGroup(models.Model):
    """Forms the editors declare equivalent, one per line: an abbreviation, the words it stands for, another
    spelling. Searches read them at the next query (search.synonyms), as they read the dictionary in
    search/data."""

    forms = models.TextField(
        _("forms"),
        max_length=MAX_FORMS * (MAX_FORM_LENGTH + 1),
        help_text=format_lazy(
            _(
                "One form per line: an abbreviation, the words it stands for, another spelling. A search for "
                "any of them also finds the others. At most {maximum} forms."
            ),
            maximum=MAX_FORMS,
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("What the forms stand for, or where the press uses them, for the other editors."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # How many times the group was saved: the searches' cue that it changed (search.synonyms).
    saves = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("forms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("group of equivalent forms")
        verbose_name_plural = _("abbreviations and synonyms")
        ordering = ["forms"]

    def __str__(self):
        return " | ".join(written_forms(self.forms))

    def save(self, *args, **kwargs):
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        # Counted by the database, so that each of two concurrent saves of a group counts.
        self.saves = F("saves") + 1
        super().save(*args, **kwargs)
        self.refresh_from_db(fields=["saves"])

    def clean(self):
        super().clean()
        forms = written_forms(self.forms)
        errors = [error for form in forms for error in _form_errors(form)]
        distinct = len(folded_forms(forms))
        if distinct < MIN_FORMS:
            errors.append(
                gettext(
                    "Give at least two different forms, one per line: an abbreviation and the words it stands "
                    "for, or two spellings. Forms that differ only in marks, capitals or punctuation count as one."
                )
            )
        if distinct > MAX_FORMS:
            errors.append(
                gettext(
                    "At most %(maximum)s different forms in a group: split it into groups of forms that mean "
                    "the same."
                )
                % {"maximum": MAX_FORMS}
            )
        if errors:
            raise ValidationError({"forms": errors})
        self.forms = "\n".join(forms)


def _form_errors(form):
    if len(form) > MAX_FORM_LENGTH:
        yield gettext("“%(form)s” is longer than %(maximum)s characters.") % {
            "form": form,
            "maximum": MAX_FORM_LENGTH,
        }
    elif not folded_forms([form]):
        yield gettext("“%(form)s” has no letter or digit to search for.") % {"form": form}


class SearchPage(NewsroomPage):
    """The search page of an outlet (/tim-kiem/): one box, results from all outlets."""

    # Its results are the outlets' own pages, which search engines find under their own addresses.
    noindex = True
    max_count_per_parent = 1
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []
    template = "search/search_page.html"

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        from search.views import search_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(search_page_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A bad parameter: the page says which, as the API does, and with the API's 400.
        if response.context_data.get("error"):
            response.status_code = 400
        return response
