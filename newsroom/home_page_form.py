"""The home page editor's form: what the editor composes (newsroom.models.home_sections) must be of this outlet
and name each article once, and a breaking news line is given an end in the future when it is written or changed.

An end left in the past is kept as it is when the line is not touched: the page may be saved for other changes
long after the line has ended (it is then no longer shown).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.page_forms import NewsroomPageForm


class OutletHomePageForm(NewsroomPageForm):
    def clean(self):
        cleaned_data = super().clean()
        self._check_breaking_news()
        self._check_chosen_articles()
        self._check_section_columns()
        return cleaned_data

    def _check_breaking_news(self):
        if not self.cleaned_data.get("breaking_news") or "breaking_news_until" in self.errors:
            return
        until = self.cleaned_data.get("breaking_news_until")
        if until is None:
            self.add_error("breaking_news_until", _("Give the time the breaking news line ends."))
        elif until <= timezone.now() and {"breaking_news", "breaking_news_until"} & set(self.changed_data):
            self.add_error("breaking_news_until", _("The breaking news line must end in the future."))

    def _check_chosen_articles(self):
        """The lead story and the featured articles: each of this outlet, and each once."""
        chosen = set()
        lead = self.cleaned_data.get("lead_story")
        if lead is not None:
            self._check_chosen_article(self, "lead_story", lead, chosen)
        for form in self._kept_forms("featured_articles"):
            article = form.cleaned_data.get("article")
            if article is not None:
                self._check_chosen_article(form, "article", article, chosen)

    def _check_chosen_article(self, form, field_name, article, chosen):
        if not self._in_this_outlet(article):
            form.add_error(
                field_name,
                _(
                    "Choose an article of this outlet; to show another outlet's article, republish it here first."
                ),
            )
        elif article.pk in chosen:
            form.add_error(field_name, _("This article is already chosen above: choose each article once."))
        chosen.add(article.pk)

    def _check_section_columns(self):
        for form in self._kept_forms("column_sections"):
            column = form.cleaned_data.get("column")
            if column is not None and not self._in_this_outlet(column):
                form.add_error("column", _("Choose a column of this outlet."))

    def _in_this_outlet(self, page):
        home = self.instance
        return bool(home.path) and page.path.startswith(home.path) and page.pk != home.pk

    def _kept_forms(self, formset_name):
        """The valid forms of an inline panel, in the editor's order, without those marked for deletion."""
        kept = [
            form
            for form in self.formsets[formset_name].forms
            if form.is_valid() and not form.cleaned_data.get("DELETE")
        ]
        return sorted(kept, key=lambda form: form.cleaned_data.get("ORDER") or 0)
