from wagtail.admin.forms import WagtailAdminPageForm

from core.vietnamese import slugify
from newsroom.title_slugs import filled_in_from_title


class NewsroomPageForm(WagtailAdminPageForm):
    """The page editor's form for every page type here.

    Until a page is first published its slug follows its title: left empty, or as a script filled it in from the
    title (newsroom.title_slugs), it becomes core.vietnamese.slugify(title), made unique among the page's siblings
    by NewsroomPage as the page is saved. A slug the editor typed is kept, and so is the slug of a page readers
    have had.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._slug_follows_title():
            self.fields["slug"].required = False

    def clean(self):
        if self._slug_follows_title():
            self._leave_a_filled_in_slug_to_the_page()
        return super().clean()

    def _slug_follows_title(self):
        page = self.instance
        # A page being created is live until the admin saves it as a draft.
        readers_had_it = page.first_published_at is not None or (page.pk is not None and page.live)
        return "slug" in self.fields and not readers_had_it

    def _leave_a_filled_in_slug_to_the_page(self):
        title, slug = self.cleaned_data.get("title"), self.cleaned_data.get("slug")
        if not title or slug is None or (slug and not filled_in_from_title(slug, title)):
            return
        if slugify(title):
            # Empty, the slug is made by NewsroomPage (Django leaves an empty optional field out of the model's
            # validation).
            self.cleaned_data["slug"] = ""
        else:
            # A title with neither letters nor digits makes no slug: the editor types one.
            self.add_error("slug", self.fields["slug"].error_messages["required"])
