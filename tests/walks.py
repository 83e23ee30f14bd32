"""What a walk over the archive holds at once, counted rather than timed or weighed: the model instances alive
and the SQL that Django keeps with DEBUG on, looked at as each query of the walk starts.

    with watched(ArticlePage, SearchDocument) as watch:
        rebuild()
    watch.most_alive[ArticlePage], watch.most_logged, watch.statements
"""

import gc
import weakref
from contextlib import contextmanager

from django.db import connection
from django.db.models.signals import post_init


class Watch:
    def __init__(self, models):
        # Instances counted by identity: a model instance hashes by its primary key, and one being saved has none.
        self.alive = dict.fromkeys(models, 0)
        # The most instances of each model alive at once, and the most queries Django's log held at once.
        self.most_alive = dict.fromkeys(models, 0)
        self.most_logged = 0
        # The SQL of every query, in order.
        self.statements = []

    def created(self, sender, instance, **kwargs):
        self.alive[sender] += 1
        weakref.finalize(instance, self.freed, sender)

    def freed(self, model):
        self.alive[model] -= 1

    def __call__(self, execute, sql, params, many, context):
        """connection.execute_wrapper's hook: look, then run the query."""
        self.look()
        self.statements.append(sql)
        return execute(sql, params, many, context)

    def look(self):
        for model in self.alive:
            if self.alive[model] > self.most_alive[model]:
                # Instances in reference cycles (a page and its prefetched tags) are freed by the collector only:
                # counted after it, so that only what the walk still holds counts.
                gc.collect()
                self.most_alive[model] = max(self.most_alive[model], self.alive[model])
        self.most_logged = max(self.most_logged, len(connection.queries_log))


@contextmanager
def watched(*models):
    """A Watch of the instances of `models` and of the query log, for the queries run inside the block."""
    watch = Watch(models)
    for model in models:
        post_init.connect(watch.created, sender=model, weak=False)
    try:
        with connection.execute_wrapper(watch):
            yield watch
        watch.look()
    finally:
        for model in models:
            post_init.disconnect(watch.created, sender=model)
