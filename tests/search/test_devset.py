"""The development set: every query finds its relevant articles in the first 10, `first` ranks 1, and none of its
`excluded` articles is in the first 10, on each engine (the embedded one and OpenSearch).

A query's note starts with its class ("partial:", "abbreviation:", "telex:"...), by which the recall benchmark
(tests/bench/bench_search.py --devset) groups its figures."""

import pytest

from .conftest import external_ids, read_jsonl

QUERIES = read_jsonl("queries-dev.jsonl")


@pytest.fixture
def search_engine(each_engine):
    return each_engine


@pytest.mark.parametrize("case", QUERIES, ids=[f"{case['q']} ({case['note']})" for case in QUERIES])
def test_devset_query(devset, search, case):
    found = external_ids(search(case["q"]))
    missing = set(case["relevant"]) - set(found)
    assert not missing, f"{case['q']!r}: {sorted(missing)} not in the first 10: {found}"
    if case["first"]:
        assert found[0] == case["first"], f"{case['q']!r}: {found}"
    unwanted = set(case.get("excluded", ())) & set(found)
    assert not unwanted, f"{case['q']!r}: {sorted(unwanted)} must not be found: {found}"
