"""Receipt codes: unguessable, and easy to read aloud or copy by hand."""

import re
import secrets

# Neither 0/O nor 1/I/L, nor U (read as V), so a code copied by hand means one thing.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
GROUPS, GROUP_LENGTH = 3, 5  # 15 symbols of 30: about 73.6 bits


def new_receipt_code():
    """For example 7KQ2M-WX9RT-HB4NZ."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(symbols[start : start + GROUP_LENGTH] for start in range(0, len(symbols), GROUP_LENGTH))


def normalize_receipt_code(typed):
    """What an entrant types, in lower case, with spaces or without dashes, as stored."""
    symbols = re.sub(r"[^0-9A-Z]", "", typed.upper())
    return "-".join(symbols[start : start + GROUP_LENGTH] for start in range(0, len(symbols), GROUP_LENGTH))
