"""Import archive articles from JSON Lines (docs/archive-format.md) as published ArticlePages, in bulk.

Wagtail's own way, `column.add_child(instance=page)` then `save_revision().publish()`, costs dozens of
queries per page and manages about a dozen articles a second. An archive holds hundreds of thousands, so
the writer here does what those calls do, a batch at a time: it computes the tree paths itself, inserts the
page rows, revisions, tags and bylines in bulk, and has the batch indexed for search in one call. The rows it
writes are the rows Wagtail would write, so the admin, the page tree and the site treat them alike.

A file is read line by line and written in batches, one transaction each: memory stays bounded however long
the file or any line of it. Whatever a line holds, it is imported or reported with its number and the reason,
and the import goes on: validation refuses what the database, the pages or the feeds could not take, and a
batch the database refuses all the same is written again line by line, so that only the culprit is reported.

- `run`: an import run (`import_archive`, `index_archive`) and its tally;
- `lines`: reading the file's lines, and the report of a line that cannot be imported;
- `fields` and `body`: a line's fields validated and cleaned into an ArchiveArticle, its HTML sanitised;
- `writer`: batches written into the page tree, created or updated, with `columns`, `slugs`,
  `tags_and_authors` and `rows` (bulk SQL);
- `wagtail_bulk`: the rows Wagtail itself would write, the only module relying on Wagtail's private behaviour;
- `indexing`: search indexing of the written batches.
"""
