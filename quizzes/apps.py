from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Online knowledge contests (cuộc thi tìm hiểu): rounds of drawn questions, taken without an account."""

    name = "quizzes"
    verbose_name = _("Knowledge contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.page_cache import purge_when_changed

        # A contest's page shows its rounds' published results and the winners. Not attempts: each one taken
        # would purge every page in a round's last hour.
        purge_when_changed(*map(self.get_model, ["QuizRound", "Publication", "Winner", "CollectiveWinner"]))
