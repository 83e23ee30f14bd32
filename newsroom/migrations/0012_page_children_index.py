"""An index on Wagtail's page tree by depth and path, for the children of a page.

Wagtail and treebeard find a page's children by the range of its descendants' paths and their depth: the path
index alone reads every descendant (an outlet's home has the whole archive under it), and PostgreSQL then reads
the whole table instead. Every public page asks for a home's children (the outlet's menu, its search page), so
each page paid for the size of the archive.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0011_outlet_logo_and_share_image"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX newsroom_page_depth_path ON wagtailcore_page (depth, path)",
            reverse_sql="DROP INDEX newsroom_page_depth_path",
        )
    ]
