"""Races for real: calls started together, each from a thread and a database connection of its own.

Only PostgreSQL has the row locks and the separate connections these need: tests that race are marked
`postgres` and `django_db(transaction=True, serialized_rollback=True)`, since each thread sees only what is
committed.
"""

import threading

from django.db import connection


def at_once(calls, refusals=()):
    """Run every call at the same moment, each in its own thread; what each returned, or the refusal it raised
    (an exception of the `refusals` classes), in the order of the calls. Any other exception is raised here
    once every thread has finished."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)
    failures = []

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = call()
        except refusals as refusal:
            outcomes[index] = refusal
        except Exception as failure:
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return outcomes
