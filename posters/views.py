"""The admin's "Download a poster": the editor picks the size and the design of the poster of an exemplar's
profile, a movement or an anniversary column, or takes one of its share cards."""

from django import forms
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from core.downloads import make_private_download

from .cards import CARD_SIZES, share_card
from .content import is_poster_subject, poster_content
from .rendering import DESIGNS, SIZES, render_poster


def may_view_in_admin(page, user):
    """Whether `user` holds some permission on `page` or on a page above it, as the admin's explorer asks of a
    page it opens. Wagtail reads the user's permissions once a request: a listing of profiles asks no more."""
    if user.is_superuser:
        return user.is_active
    return user.is_active and bool(page.permissions_for_user(user).permissions)


class PosterForm(forms.Form):
    size = forms.ChoiceField(
        label=_("Paper size"), choices=SIZES.items(), widget=forms.RadioSelect, initial="A4"
    )
    design = forms.ChoiceField(
        label=_("Design"), choices=DESIGNS.items(), widget=forms.RadioSelect, initial="trang-trong"
    )


class PosterSubjectMixin:
    """The view's page: refused to whoever may not see it in the admin, and there only for a live, public page
    of a kind that has a poster (posters.content)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific

    def dispatch(self, request, *args, **kwargs):
        if not may_view_in_admin(self.page, request.user):
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect to the dashboard.
            return HttpResponseForbidden(gettext("You cannot see this page."))
        if not is_poster_subject(self.page) or not is_public(self.page):
            raise Http404(
                gettext(
                    "Only a published, public exemplar profile, movement or anniversary column has a poster."
                )
            )
        return super().dispatch(request, *args, **kwargs)


def is_public(page):
    """Neither the page nor a page above it is under a view restriction."""
    return type(page).objects.public().filter(pk=page.pk).exists()


def attachment(data, content_type, file_name):
    """A private download, with the headers every file of ours is sent with (core.downloads)."""
    return make_private_download(HttpResponse(data, content_type=content_type), file_name)


class PosterView(PosterSubjectMixin, WagtailAdminTemplateMixin, FormView):
    form_class = PosterForm
    template_name = "posters/admin/poster_form.html"
    page_title = _("Download a poster")
    header_icon = "doc-full"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subject=self.page,
            card_links=[
                (reverse("posters_share_card", args=[self.page.pk, shape]), width, height)
                for shape, (width, height) in CARD_SIZES.items()
            ],
            action_url=self.request.path,
            submit_button_label=gettext("Download the PDF"),
            **kwargs,
        )

    def form_valid(self, form):
        size, design = form.cleaned_data["size"], form.cleaned_data["design"]
        pdf = render_poster(poster_content(self.page), size, design)
        return attachment(pdf, "application/pdf", f"ap-phich-{self.page.slug}-{design}-{size.lower()}.pdf")


class ShareCardView(PosterSubjectMixin, View):
    def get(self, request, page_id, shape):
        if shape not in CARD_SIZES:
            raise Http404(gettext("There is no share card of this shape."))
        width, height = CARD_SIZES[shape]
        card = share_card(poster_content(self.page), shape)
        return attachment(card.jpeg(), "image/jpeg", f"anh-chia-se-{self.page.slug}-{width}x{height}.jpg")
