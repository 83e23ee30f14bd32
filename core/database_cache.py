"""Django's database cache with an atomic `incr`: the shared cache where there is no Redis (core.shared_cache).

Django's own `incr` reads the value and writes it back: two workers counting the same request window at the same
moment would both write the same number, and a rate limit would let through more than its limit. Here the read
and the write happen in one transaction that holds the entry's row (SELECT ... FOR UPDATE where the database has
it; SQLite takes its write lock when the transaction begins, settings DATABASES "transaction_mode").
"""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        with transaction.atomic(using=database):
            if connection.features.has_select_for_update:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {connection.ops.quote_name(self._table)} "
                        f"WHERE cache_key = %s {connection.ops.for_update_sql()}",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
