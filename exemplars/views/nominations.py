"""The nomination screens in the admin: each view restricted to the nominations its user may see or change."""

import re
import uuid
from itertools import chain

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput

from core.downloads import private_file_response
from core.private_storage import FileNotStored, removed_on_failure
from core.spreadsheets import FormulaSafeSpreadsheetMixin
from core.text_limits import limit_note
from exemplars.appraisal import STEPS, StepRefused, available_steps, is_appraisal_overdue, take_step
from exemplars.filing import AlreadyFiled, FilingRefused, file_nomination, files_as_department
from exemplars.models import MovementPage, Nomination, NominationAttachment, NominationRound
from exemplars.permissions import EDITABLE_STATUSES
from exemplars.roles import officer_unit_id
from exemplars.sudden_deeds import SUDDEN_DEED_KIND, appraisal_days


class NominationAdminForm(WagtailAdminModelForm):
    """A unit officer files for their own unit into a round open now, or, with no round, a sudden deed; the
    Department's reviewers file sudden deeds only, for the unit they choose. Once filed, the round and the unit
    stay. A new form carries a one-time filing key, so sending it twice files one nomination."""

    filing_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["movement"].queryset = movement_choices(self.instance)
        self.fields["round"].empty_label = _("None: a sudden deed, outside the rounds and the quota")
        if self.instance.pk:
            self.fields["round"].disabled = True
            # Filed outside the rounds, it stays a sudden deed.
            self.fields["is_sudden_deed"].disabled = self.instance.round_id is None
            del self.fields["unit"], self.fields["filing_key"]
        elif user is not None and files_as_department(user):
            self.fields["unit"].required = True
            self.fields["unit"].help_text = _(
                "The Department files a sudden deed for this unit, outside the rounds: it is submitted as it is "
                "filed, and the unit's officers see it."
            )
            self.fields["is_sudden_deed"].initial = True
            self.fields["is_sudden_deed"].disabled = True
            del self.fields["round"]
            self.fields["filing_key"].initial = uuid.uuid4()
        else:
            # The unit is the officer's own, whatever the request says. The round closing first is offered
            # first, so a sudden deed is filed by choice, never by a round left unchosen.
            del self.fields["unit"]
            open_rounds = NominationRound.open_rounds().order_by("closes_at")
            self.fields["round"].queryset = open_rounds
            if self.initial.get("round") is None:
                self.initial["round"] = open_rounds.first()
            self.fields["filing_key"].initial = uuid.uuid4()

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("round"):
            cleaned_data["is_sudden_deed"] = True
            self.instance.is_sudden_deed = True
        if cleaned_data.get("filing_key"):
            self.instance.filing_key = cleaned_data["filing_key"]
        return cleaned_data


def movement_choices(nomination):
    """The live movements, by name; a movement the nomination already names stays, even if unpublished since,
    so that an edit does not fail on a choice the officer made."""
    live = MovementPage.objects.live().filter(alias_of__isnull=True)
    if nomination.movement_id:
        live = live | MovementPage.objects.filter(pk=nomination.movement_id)
    return live.order_by("sort_name")


class PrivateFileInput(forms.ClearableFileInput):
    """Shows the uploaded file's original name: the stored file has no URL to link to."""

    template_name = "exemplars/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class InstancePermissionMixin:
    """Refuse the object unless the policy allows `instance_permission` on it (not only on the model)."""

    instance_permission = None

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_permission, instance
        ):
            raise PermissionDenied
        return instance


class ForgedChildFormsRefusedMixin:
    """A request that claims more attachments than it carries is refused as altered.

    django-modelcluster reads "<prefix>-N-id" for each of the INITIAL_FORMS a request claims and fails (KeyError,
    a 500) when a forged count names one the request lacks; its maintainers keep that on purpose
    (wagtail/django-modelcluster#26). Django builds every form of the TOTAL_FORMS a request claims, up to 2,000,
    carried or not, and shows them all again with the form's errors: seconds of work and megabytes of page for a
    request of a few hundred bytes. The admin's page sends fields of every form it counts (their id at least), so
    the view checks both claims before the formset is built.
    """

    child_form_prefixes = ("attachments",)

    def post(self, request, *args, **kwargs):
        if any(claims_missing_child_forms(request, prefix) for prefix in self.child_form_prefixes):
            return HttpResponseBadRequest(
                _("This form was altered: reload the page and try again."),
                content_type="text/plain; charset=utf-8",
            )
        return super().post(request, *args, **kwargs)


def claims_missing_child_forms(request, prefix):
    """Whether the request counts an existing form without its id, or any form without a field of its own."""
    data = request.POST
    field_of_a_form = re.compile(rf"{re.escape(prefix)}-(\d+)-")
    carried = {int(match[1]) for name in chain(data, request.FILES) if (match := field_of_a_form.match(name))}
    existing = range(claimed_count(data, f"{prefix}-INITIAL_FORMS"))
    counted = range(claimed_count(data, f"{prefix}-TOTAL_FORMS"))
    # A missing form turns up among the first few thousand: a request holds no more fields than that.
    return any(f"{prefix}-{index}-id" not in data for index in existing) or any(
        index not in carried for index in counted
    )


def claimed_count(data, name):
    """A count of the management form, read as the formset reads it ("3", " 3", "3.0")."""
    try:
        return forms.IntegerField().to_python(data.get(name)) or 0
    except ValidationError:
        # Not a number: the formset itself reports its management form as broken.
        return 0


class RefusalAsFormErrorMixin:
    """A refusal met while saving (quota, closed round, submitted meanwhile) is shown on the form, and so is a
    disk that cannot take the attachments (nothing was saved then: see core.private_storage)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except FilingRefused as refusal:
            return self.refused(form, str(refusal))
        except FileNotStored:
            return self.refused(
                form,
                _(
                    "The attachments could not be stored: the server's disk is full or read-only. Nothing was "
                    "saved. Try again later, and tell the site's administrators if it goes on."
                ),
            )

    def refused(self, form, message):
        form.add_error(None, message)
        self.produced_error_message = message
        return self.form_invalid(form)


class NominationIndexView(FormulaSafeSpreadsheetMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("unit", "round")

    def get_edit_url(self, instance):
        # The title leads to the full record, where the permitted steps and edits are offered.
        return reverse(self.inspect_url_name, args=[instance.pk])


class NominationCreateView(ForgedChildFormsRefusedMixin, RefusalAsFormErrorMixin, generic.CreateView):
    inspect_url_name = None

    def get_initial_form_instance(self):
        return Nomination(unit_id=officer_unit_id(self.request.user), created_by=self.request.user)

    def get_initial(self):
        # The dashboard's "File a sudden deed" link opens the form with no round chosen.
        if self.request.GET.get("kind") == SUDDEN_DEED_KIND:
            return {**super().get_initial(), "round": ""}
        return super().get_initial()

    def save_instance(self):
        return file_nomination(self.form.instance, super().save_instance, self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AlreadyFiled as filed:
            return self.already_filed(filed.filing_key)

    def already_filed(self, filing_key):
        """The same form sent again: show what the first sending filed, file nothing more."""
        messages.info(self.request, _("This form was already sent: the nomination was filed once."))
        nomination = (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
            .filter(filing_key=filing_key)
            .first()
        )
        if nomination is None:
            return redirect(self.index_url_name)
        return redirect(self.inspect_url_name, nomination.pk)

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class NominationEditView(
    ForgedChildFormsRefusedMixin, RefusalAsFormErrorMixin, InstancePermissionMixin, generic.EditView
):
    instance_permission = "change"
    inspect_url_name = None

    def save_instance(self):
        # A step taken since this form was opened (a submission) wins: the stale form cannot undo it. The files
        # of attachments added here go if the save fails before its commit.
        with removed_on_failure(), transaction.atomic():
            current = Nomination.objects.select_for_update().get(pk=self.object.pk)
            if current.status not in EDITABLE_STATUSES:
                raise FilingRefused(_("This nomination was submitted meanwhile and can no longer be edited."))
            self.form.instance.status = current.status
            return super().save_instance()

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class NominationDeleteView(InstancePermissionMixin, generic.DeleteView):
    instance_permission = "delete"


# A reviewer's note on a step (a reason for returning, say): a few paragraphs, as the round's guidance note.
STEP_NOTE_MAX_CHARS = 4000


class StepForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=STEP_NOTE_MAX_CHARS,
        help_text=limit_note(STEP_NOTE_MAX_CHARS),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=gettext_lazy("Decision date"), required=False, widget=AdminDateInput
    )


# What the record shows for a field left empty (no decision date yet, no profile created).
EMPTY_VALUE = "—"


class NominationInspectView(generic.InspectView):
    template_name = "exemplars/admin/nomination_inspect.html"
    step_url_name = None
    download_url_name = None

    def get_object(self, queryset=None):
        nomination = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "view", nomination):
            raise PermissionDenied
        return nomination

    def get_edit_url(self):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "change", self.object):
            return super().get_edit_url()
        return None

    def get_field_display_value(self, field_name, field):
        """Yes or no in words, a dash for an empty field: Wagtail prints the value as Python writes it."""
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return EMPTY_VALUE
        return value

    def get_delete_url(self):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", self.object):
            return super().get_delete_url()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            fast_track_days=appraisal_days(),
            appraisal_overdue=is_appraisal_overdue(self.object),
            attachments=self.object.attachments.all(),
            events=self.object.events.select_related("actor"),
            steps=available_steps(self.object, self.request.user),
            step_form=StepForm(),
            step_url_name=self.step_url_name,
            download_url_name=self.download_url_name,
        )
        return context


class NominationStepView(View):
    """Take one appraisal step (POST only); the state machine says whether this user may."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk, step):
        nomination = get_object_or_404(Nomination, pk=pk)
        if step not in STEPS:
            raise Http404
        form = StepForm(request.POST)
        if not form.is_valid():
            for name, errors in form.errors.items():
                messages.error(request, f"{form[name].label}: {' '.join(errors)}")
            return redirect(self.inspect_url_name, pk)
        try:
            take_step(nomination.pk, step, request.user, **form.cleaned_data)
        except StepRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("“%(name)s”: %(step)s.") % {"name": nomination, "step": STEPS[step].label}
            )
        return redirect(self.inspect_url_name, pk)


class AttachmentDownloadView(View):
    """An attachment, to whoever may see its nomination; never from a public URL."""

    http_method_names = ["get"]
    permission_policy = None

    def get(self, request, pk):
        attachment = get_object_or_404(NominationAttachment.objects.select_related("nomination"), pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "view", attachment.nomination
        ):
            raise PermissionDenied
        return private_file_response(
            attachment.file.open("rb"), attachment.original_name, attachment.content_type
        )
