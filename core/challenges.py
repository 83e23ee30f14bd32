"""A self-hosted challenge for a form one address sends too often: a proof of work, no third-party service.

The form carries a signed puzzle; a script in the page finds a number whose SHA-256 hash with the puzzle starts
with DIFFICULTY_BITS zero bits (tens of thousands of tries, a second or so on a phone) and sends it with the
form. For a person that is a short pause; for a script sending thousands of forms from one address, a second of
work a form. The server checks an answer with one hash, and takes each puzzle once (it is kept in the shared cache
until it expires), so a solved puzzle cannot be sent again.
"""

import enum
import hashlib
import re
import secrets

from django.core import signing

from . import rate_limits, shared_cache

SALT = "core.challenges"
DIFFICULTY_BITS = 16
# A puzzle outlives the reading of a contest's rules before the form is sent.
MAX_AGE_SECONDS = 30 * 60
ANSWER = re.compile(r"^[0-9]{1,12}$")


def new_puzzle():
    return signing.dumps(secrets.token_hex(16), salt=SALT)


def is_solved(puzzle, answer):
    """Whether `answer` solves `puzzle`, a puzzle of ours not yet expired nor used; a good answer uses it up.
    Raises shared_cache.SharedCacheUnavailable when the puzzles used cannot be looked up."""
    if not ANSWER.match(answer or ""):
        return False
    try:
        nonce = signing.loads(puzzle or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # also a puzzle expired: SignatureExpired is one
        return False
    if not has_leading_zero_bits(hashlib.sha256(f"{puzzle}:{answer}".encode()).digest(), DIFFICULTY_BITS):
        return False
    return shared_cache.use(
        lambda cache: cache.add(f"challenge:{nonce}", 1, timeout=MAX_AGE_SECONDS + 60), retry_now=True
    )


class Refusal(enum.IntEnum):
    """Why a public form's send is refused before its form is read; the value is the response's status."""

    TOO_MANY = 429
    UNSOLVED = 400
    CANNOT_COUNT = 503


def screen(request, action, allowed, free):
    """Count this send of `action`: refused past `allowed` from the address in the window, past `free` without a
    solved puzzle, and while sends cannot be counted (the shared cache is down: fail closed, as public forms do).
    None when it may be read."""
    try:
        sent = rate_limits.count(request, action)
        if sent > allowed:
            return Refusal.TOO_MANY
        if sent > free and not is_solved(request.POST.get("puzzle"), request.POST.get("puzzle_answer")):
            return Refusal.UNSOLVED
    except (rate_limits.CountingUnavailable, shared_cache.SharedCacheUnavailable):
        return Refusal.CANNOT_COUNT
    return None


def has_leading_zero_bits(digest, bits):
    return int.from_bytes(digest, "big") >> (len(digest) * 8 - bits) == 0
