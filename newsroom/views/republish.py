"""The admin's "Republish in another outlet": show a live article in a column of another outlet, as an alias."""

from django import forms
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsroom.models import ArticlePage, ColumnPage
from newsroom.republishing import destination_columns, is_republishable, may_republish_elsewhere, republish


class DestinationColumnField(forms.ModelChoiceField):
    def label_from_instance(self, column):
        return f"{column.get_parent().title} › {column.title}"


class RepublishForm(forms.Form):
    column = DestinationColumnField(
        queryset=ColumnPage.objects.none(),
        label=_("Column"),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_(
            "The article appears there as it is, and follows every change published to the original."
        ),
        error_messages={
            "invalid_choice": _("The article is already in this column, or you cannot publish there."),
        },
    )

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns


class RepublishView(WagtailAdminTemplateMixin, FormView):
    form_class = RepublishForm
    template_name = "newsroom/admin/republish.html"
    page_title = _("Republish in another outlet")
    header_icon = "resubmit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.article = get_object_or_404(ArticlePage, pk=kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not is_republishable(self.article):
            raise Http404(gettext("Only a live, original article can be republished."))
        if not may_republish_elsewhere(self.article, request.user):
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect to the dashboard.
            return HttpResponseForbidden(gettext("You cannot publish in any column of another outlet."))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.article.get_admin_display_title()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "columns": destination_columns(self.article, self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.article,
            action_url=self.request.path,
            submit_button_label=gettext("Republish"),
            **kwargs,
        )

    def form_valid(self, form):
        column = form.cleaned_data["column"]
        republish(self.article, column, self.request.user)
        column_url = reverse("wagtailadmin_explore", args=[column.pk])
        messages.success(
            self.request,
            gettext("“%(article)s” is now also published in “%(column)s”.")
            % {"article": self.article.title, "column": column.title},
            buttons=[messages.button(column_url, gettext("View the column"))],
        )
        return redirect(column_url)
