from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.vietnamese import slugify
from newsroom.page_images import images_without_alt_text
from newsroom.title_slugs import filled_in_from_title


class NewsroomPageForm(WagtailAdminPageForm):
    """The page editor's form for every page type here.

    Until a page is first published its slug follows its title: left empty, or as a script filled it in from the
    title (newsroom.title_slugs), it becomes core.vietnamese.slugify(title), made unique among the page's siblings
    by NewsroomPage as the page is saved. A slug the editor typed is kept, and so is the slug of a page readers
    have had.

    A page is not published with a picture that has no alt text (an image the multiple uploader saved before its
    form was completed); a draft may be saved with one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._slug_follows_title():
            self.fields["slug"].required = False

    def clean(self):
        if self._slug_follows_title():
            self._leave_a_filled_in_slug_to_the_page()
        return super().clean()

    def _post_clean(self):
        super()._post_clean()
        if not self.is_deferred_validation:
            self._refuse_pictures_without_alt_text()

    def _refuse_pictures_without_alt_text(self):
        titles = [image.title for image in images_without_alt_text(self.instance)]
        if titles:
            message = _(
                "Write the alt text of these images in the image library before publishing: %(titles)s."
            )
            self.add_error(None, message % {"titles": ", ".join(f"“{title}”" for title in titles)})

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
