"""What a site needs of search, given through the newsroom's hooks: a search page under each outlet's home page,
the editors' right to keep the abbreviations and synonyms, and OpenSearch's index once OpenSearch is configured.
The embedded index needs nothing: its tables come with the migrations, and publishing keeps it in step."""

from django.contrib.auth.models import Group, Permission

from newsroom.outlets import editors_group_name

from .indexing import rebuild
from .models import SearchPage
from .service import get_remote_engine


def ensure_search_page(home):
    if not SearchPage.objects.child_of(home).exists():
        home.add_child(instance=SearchPage(title="Tìm kiếm", slug="tim-kiem"))


# The outlets' editors keep the abbreviations and synonyms; the journalists and the other roles only search.
SYNONYM_PERMISSIONS = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")]


def grant_synonym_editing(homes):
    """The setup step (newsroom.setup): each outlet's editors may add, change and delete the synonym groups."""
    permissions = Permission.objects.filter(
        content_type__app_label="search", codename__in=SYNONYM_PERMISSIONS
    )
    for outlet in homes:
        Group.objects.get(name=editors_group_name(outlet)).permissions.add(*permissions)
    return "Search: the outlets' editors keep the abbreviations and synonyms."


def ensure_index(homes):
    """The setup step (newsroom.setup): OpenSearch's index, built from the database when there is none yet.

    An index in place is left alone: bringing it up to date is `search_index update` or `rebuild`, which take
    minutes on a large archive, and searches answer from it meanwhile.
    """
    remote = get_remote_engine()
    if remote is None:
        return "Search: the embedded engine (OPENSEARCH_URL is not set)."
    live = remote.live_generation()
    if live is None:
        return f"Search: OpenSearch's index built, {rebuild()} documents."
    if not remote.mapping_is_current():
        return f"Search: OpenSearch's index {live} has an older mapping; run `search_index rebuild`."
    return f"Search: OpenSearch's index {live} is in place."
