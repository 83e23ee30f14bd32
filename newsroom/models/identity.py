"""Who publishes each outlet, as the law asks a news site to say on every page: its masthead and its legal footer,
edited per site in the admin (Settings), by the outlet's own editors (newsroom.outlet_identity)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .images import picture_field


@register_setting(icon="site")
class OutletIdentity(BaseSiteSetting):
    full_name = models.CharField(
        _("name in full"),
        max_length=200,
        blank=True,
        help_text=_("The outlet's name as its licence gives it, shown in the masthead and the footer."),
    )
    governing_body = models.CharField(
        _("governing body"),
        max_length=200,
        blank=True,
        help_text=_(
            "A line under the name in the footer, e.g. “Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đắk Lắk”."
        ),
    )
    licence = models.CharField(
        _("licence"),
        max_length=300,
        blank=True,
        help_text=_(
            "Its number, date and issuing authority, e.g. “Giấy phép số 123/GP-BTTTT ngày 1/4/2024”."
        ),
    )
    responsible_role = models.CharField(
        _("role of the person responsible"),
        max_length=100,
        blank=True,
        help_text=_(
            "As the footer writes it before the name: Tổng biên tập, Giám đốc, Chịu trách nhiệm chính."
        ),
    )
    responsible_person = models.CharField(_("person responsible"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    legal_line = models.CharField(
        _("legal line"),
        max_length=300,
        blank=True,
        help_text=_("One sentence at the foot of every page, e.g. on reusing the outlet's content."),
    )
    # Read by search engines and by the apps a link is shared in (newsroom.social_previews), never shown on a page.
    logo = picture_field(
        _("logo"),
        _("The outlet's emblem, at least 112 px wide: search engines show it beside its stories."),
    )
    share_image = picture_field(
        _("picture for shared links"),
        _(
            "Shown when a page without a picture of its own is shared on Facebook or Zalo; "
            "1200 × 630 px suits it best."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("full_name")], _("Masthead")),
        MultiFieldPanel(
            [
                FieldPanel("governing_body"),
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("responsible_role"), FieldPanel("responsible_person")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("legal_line"),
            ],
            _("Legal footer"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("share_image")], _("Sharing and search engines")),
    ]

    class Meta:
        verbose_name = _("masthead and footer")
        verbose_name_plural = _("mastheads and footers")

    def __str__(self):
        return self.full_name or str(self.site)
