"""What the form fuzz tests post: generated field values, unknown fields and file names, shared by every form.

A test starts from a valid form and changes a few fields to `field_values(...)`; MISSING leaves a field out.
"""

import os

from hypothesis import strategies as st

MISSING = object()

any_text = st.text(st.characters(exclude_categories=["Cs"]))
# Any name: one the form knows just gets another value.
extra_fields = st.dictionaries(any_text, any_text, max_size=3)


def field_values(chosen, longest):
    """Values a person or a script may send: chosen ones, any text, text up to just past `longest` characters,
    bytes that are not UTF-8, several values for one field, or none at all."""
    huge_text = st.builds(
        lambda unit, count: unit * count, st.text(min_size=1, max_size=3), st.integers(1, longest)
    )
    return st.one_of(
        st.sampled_from(chosen),
        any_text,
        huge_text,
        st.binary(max_size=40),  # sent as is: not UTF-8
        st.lists(st.one_of(st.sampled_from(chosen), any_text), min_size=2, max_size=3),
        st.just(MISSING),
    )


def file_names(usual):
    return st.one_of(
        st.sampled_from(usual),
        # A name with nothing left once its path is stripped ("/", "..") cannot be sent by the test client.
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1).filter(
            lambda name: os.path.basename(name) not in ("", ".", "..")
        ),
    )
