from django.dispatch import Signal

# Sent with `pages`, a list of live pages, after the archive import writes a batch in bulk: bulk writes send
# none of Wagtail's publish signals, and whatever follows publishing (the archive search) follows this too.
pages_bulk_published = Signal()
