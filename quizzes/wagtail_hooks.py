from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from contests.models.contests import CONTEST_INDEX_SECTIONS_HOOK
from newsroom.setup import SETUP_STEPS_HOOK
from newsroom.structured_data import STRUCTURED_DATA_HOOK

from .admin_attempts import AttemptViewSet, ReadOnlyPolicy
from .admin_bank_import import bank_import_urls
from .admin_questions import QuestionViewSet
from .admin_results import ResultsViewSet
from .admin_rounds import SUBMENU_HOOK, RoundViewSet
from .contest_index import knowledge_contests_section
from .models import Attempt
from .models.contests import QUIZ_ROUTES_HOOK
from .registry_guard import refuse_deleting_affiliations, refuse_deleting_contests_with_rounds
from .setup import set_up_organisers
from .structured_data import quiz_structured_data
from .views import quiz_routes

hooks.register(SETUP_STEPS_HOOK, set_up_organisers)

# The public side of a contest page: the open round's form, an attempt and the results (quizzes/views.py).
hooks.register(QUIZ_ROUTES_HOOK, quiz_routes)

# Attempts are listed, never added, changed or deleted in the admin (quizzes/admin_attempts.py).
register_permission_policy(Attempt, ReadOnlyPolicy(Attempt))


class KnowledgeContestAdminGroup(ModelViewSetGroup):
    """The organisers' menu: rounds, the question bank, and the results (which registers through the hook)."""

    menu_label = _("Knowledge contests")
    menu_icon = "help"
    menu_order = 330
    submenu_hook = SUBMENU_HOOK
    items = (RoundViewSet, QuestionViewSet, AttemptViewSet)


@hooks.register("register_admin_viewset")
def register_knowledge_contest_viewsets():
    return [KnowledgeContestAdminGroup(), ResultsViewSet()]


# Importing questions from a spreadsheet, and its sample file (quizzes/admin_bank_import.py).
hooks.register("register_admin_urls", bank_import_urls)

hooks.register(STRUCTURED_DATA_HOOK, quiz_structured_data)

# Contest pages with rounds, and the registry's units and communes that entrants belong to, stay
# (quizzes/registry_guard.py).
hooks.register("before_delete_page", refuse_deleting_contests_with_rounds)
hooks.register("before_delete_snippet", refuse_deleting_affiliations)

# The outlet's knowledge contests beside its writing contests on "Cuộc thi" (quizzes/contest_index.py).
hooks.register(CONTEST_INDEX_SECTIONS_HOOK, knowledge_contests_section)
