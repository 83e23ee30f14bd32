"""The self-hosted challenge: a puzzle of ours, solved, not expired, taken once."""

import hashlib
import itertools

import pytest
import time_machine

from django.core import signing

from core import challenges


def solve(puzzle, bits=challenges.DIFFICULTY_BITS):
    for number in itertools.count():
        digest = hashlib.sha256(f"{puzzle}:{number}".encode()).digest()
        if challenges.has_leading_zero_bits(digest, bits):
            return str(number)


def unsolving(puzzle):
    """An answer that does not solve the puzzle."""
    for number in itertools.count():
        digest = hashlib.sha256(f"{puzzle}:{number}".encode()).digest()
        if not challenges.has_leading_zero_bits(digest, challenges.DIFFICULTY_BITS):
            return str(number)


@pytest.mark.parametrize(
    ("digest", "bits", "expected"),
    [
        (b"\x00\x00\xff", 16, True),
        (b"\x00\x01\xff", 16, False),
        (b"\x00\x0f", 12, True),
        (b"\x00\x10", 12, False),
    ],
)
def test_leading_zero_bits_are_counted_bit_by_bit(digest, bits, expected):
    assert challenges.has_leading_zero_bits(digest, bits) is expected


def test_a_solved_puzzle_is_taken_once(db):
    puzzle = challenges.new_puzzle()
    answer = solve(puzzle)
    assert challenges.is_solved(puzzle, answer)
    assert not challenges.is_solved(puzzle, answer)


def test_wrong_forged_or_expired_answers_are_refused(db):
    puzzle = challenges.new_puzzle()
    assert not challenges.is_solved(puzzle, unsolving(puzzle))
    for answer in ("", "-1", "1e3", "12345678901234", "٣", None):
        assert not challenges.is_solved(puzzle, answer)
    forged = signing.dumps("chosen-nonce", salt="another.salt")
    assert not challenges.is_solved(forged, solve(forged))
    assert not challenges.is_solved(puzzle + "x", solve(puzzle + "x"))
    with time_machine.travel(0, tick=False):
        old = challenges.new_puzzle()
    assert not challenges.is_solved(old, solve(old))
    # The puzzle refused above is still good.
    assert challenges.is_solved(puzzle, solve(puzzle))
