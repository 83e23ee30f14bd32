"""How many times each article was read, per outlet and day: what the "most read" lists rank (newsroom.most_read).

Nothing about the reader is kept: no address, no browser, no cookie; a read is a number in its day's row.
"""

from django.db import connections, models

from .outlets import Outlet


class DailyReadsManager(models.Manager):
    def count_read(self, page_id, outlet, day):
        """Add one read of the article to its row for (outlet, day), creating the row at the first read.

        One statement, INSERT ... ON CONFLICT DO UPDATE, which SQLite and PostgreSQL apply atomically: readers
        counted at the same moment each add their one. Django's own upserts cannot say "add one" (bulk_create's
        update_conflicts writes the value given, 1) and update_or_create reads then writes, losing reads between.
        """
        connection = connections[self.db]
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        outlet_column, day_column, page_column, reads_column = (
            quote(self.model._meta.get_field(name).column) for name in ("outlet", "day", "page", "reads")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({outlet_column}, {day_column}, {page_column}, {reads_column})"
                f" VALUES (%s, %s, %s, 1)"
                f" ON CONFLICT ({outlet_column}, {day_column}, {page_column})"
                f" DO UPDATE SET {reads_column} = {table}.{reads_column} + 1",
                [outlet, connection.ops.adapt_datefield_value(day), page_id],
            )


class DailyReads(models.Model):
    """The reads of one article on one outlet's site during one day on the province's calendar.

    The outlet is the site the article was read on, kept beside the page so that an outlet's list is read from
    this table's own index, (outlet, day, page), without a join through the page tree. Rows are kept: a day's
    rows are one per article read that day, and the lists read only the days of their window.
    """

    page = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    outlet = models.CharField(max_length=20, choices=Outlet.choices)
    day = models.DateField()
    reads = models.PositiveIntegerField(default=0)

    objects = DailyReadsManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "day", "page"], name="newsroom_dailyreads_one_row_a_day"
            )
        ]

    def __str__(self):
        return f"{self.outlet} {self.day:%Y-%m-%d} page {self.page_id}: {self.reads}"
