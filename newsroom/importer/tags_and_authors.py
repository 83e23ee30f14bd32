"""The tags and authors of imported articles: found by name whatever its case, created when missing, linked to
their pages in bulk."""

from collections import defaultdict

from django.db.models import Q

from newsroom.models import ArticlePage, ArticleTag, Author, Tag

ArticleAuthor = ArticlePage.authors.through


class TagsAndAuthors:
    """Links pages to their tags and authors; remembers those found or created so far, by folded name."""

    def __init__(self):
        self.tags = {}
        self.authors = {}

    def link(self, pages, articles):
        """Give each page its article's tags and authors, in the database and in memory (for its revision and
        its search index)."""
        load_by_name(Tag, self.tags, {name for article in articles for name in article.tags})
        load_by_name(Author, self.authors, {name for article in articles for name in article.authors})
        tag_rows, author_rows = [], []
        for page, article in zip(pages, articles, strict=True):
            page.tagged_items = [
                ArticleTag(tag=self.tags[name.casefold()], content_object=page) for name in article.tags
            ]
            page.authors = [self.authors[name.casefold()] for name in article.authors]
            tag_rows += page.tagged_items.all()
            author_rows += [
                ArticleAuthor(articlepage_id=page.pk, author=author) for author in page.authors.all()
            ]
        # The in-memory tag rows get their ids here, which the revisions and the reference index record.
        ArticleTag.objects.bulk_create(tag_rows)
        ArticleAuthor.objects.bulk_create(author_rows)


def load_by_name(model, known, names):
    """Put in `known` ({folded name: row}) a row of `model` for each of `names`: the existing one, else a new one."""
    missing = {name for name in names if name.casefold() not in known}
    if not missing:
        return
    # Names compare without case (TAGGIT_CASE_INSENSITIVE for tags, bylines alike): "Cà phê" joins "cà phê".
    for row in model.objects.filter(any_name_iexact(missing)):
        known.setdefault(row.name.casefold(), row)
    for name in missing:
        if name.casefold() not in known:
            # One save each: taggit's save finds a free slug, and new names are few next to articles.
            known[name.casefold()] = model.objects.create(name=name)


def unlink(pages):
    """Take the pages' tags and authors off them, for link() to give them their new ones."""
    ArticleTag.objects.filter(content_object__in=pages).delete()
    ArticleAuthor.objects.filter(articlepage__in=pages).delete()


def tag_names_by_page(pages):
    return names_by_page(ArticleTag, pages, "content_object_id", "tag__name")


def author_names_by_page(pages):
    return names_by_page(ArticleAuthor, pages, "articlepage_id", "author__name")


def names_by_page(through_model, pages, page_field, name_field):
    names_of = defaultdict(list)
    rows = through_model.objects.filter(**{f"{page_field}__in": [page.pk for page in pages]})
    for page_id, name in rows.values_list(page_field, name_field):
        names_of[page_id].append(name)
    return names_of


def any_name_iexact(names):
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
    return query
