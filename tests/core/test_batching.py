from itertools import count, islice

import pytest

from core.batching import batched


def test_items_come_in_lists_of_the_size_the_last_one_shorter():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_an_endless_iterable_is_read_one_batch_at_a_time():
    assert list(islice(batched(count(), 2), 2)) == [[0, 1], [2, 3]]


@pytest.mark.parametrize("size", [0, -1])
def test_a_batch_of_nothing_is_refused(size):
    with pytest.raises(ValueError):
        next(batched(range(3), size))
