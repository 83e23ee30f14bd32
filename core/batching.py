"""Work in batches: lists of at most `size` items, read lazily so that a long iterable is never held whole."""

from itertools import islice


def batched(iterable, size):
    """Successive lists of `size` items of `iterable`, the last one shorter (itertools.batched from Python 3.12
    gives tuples, and the house supports 3.11)."""
    if size < 1:
        raise ValueError("A batch holds at least one item.")
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
