"""Backups of the whole site, and their restore: the database and every folder of uploaded files.

One backup is one tar archive, `neuguong-<local date>-<time>.tar`, written readable by its owner only (it holds
personal data: entrants, nominees), and renamed into place only once complete. Its members:

- `database/site.sqlite3` (SQLite's online backup API, a consistent copy of a live database) or
  `database/site.pgdump` (`pg_dump --format=custom`), taken first, so that every file a row names is in the
  archive (files uploaded while it runs are archived too, unnamed by any row);
- each folder of files under the name of the setting that says where it lives: `MEDIA_ROOT/…`,
  `PRIVATE_MEDIA_ROOT/…`, and the folder of every private storage of the models (`NOMINATION_FILES_ROOT/…`),
  by their paths relative to it; a folder inside another (nominations in the private media, by default) is
  archived on its own and left out of the other's;
- `manifest.json`, last: when, the database engine, the last migration of each app, and each member's size and
  SHA-256 (manifest.py).

A restore reads the whole archive and checks it before touching anything (archive.py): the manifest, every
member's size and checksum, and that no member could land outside its folder. It refuses a backup made by a newer
version of the code (schema.py) and a site that is not empty unless told to replace it. It then restores into
a new database and new folders beside the site's, migrates that database forward if the backup is older than the
code, and only then swaps them in (restoring.py): a restore that fails leaves the site as it was.
"""
