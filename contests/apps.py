from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Writing contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.page_cache import purge_when_changed

        # A contest's page names its judges; its results page, the prizes awarded once the results are out. Not
        # entries: each one sent would purge every page in a deadline rush (their names show within the expiry).
        purge_when_changed(*map(self.get_model, ["Judging", "JudgeAssignment", "PrizeAward"]))
