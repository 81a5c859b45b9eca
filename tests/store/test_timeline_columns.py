"""The timeline's compact columns read back exactly what was put in."""

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casenotes.store import columns
from casenotes.store.columns import KeyPositions, NameLists, OptionalInts, PackedStrings, SharedValues

TEXT = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\ud800", "é", "😀", ","]), max_size=12)


@given(st.lists(TEXT, max_size=30))
def test_packed_strings_give_back_every_string_in_order(values):
    packed = PackedStrings(values)
    assert len(packed) == len(values)
    assert list(packed) == values and packed == values
    assert [packed[i] for i in range(len(values))] == values
    if values:
        assert packed[-1] == values[-1] and packed[1:3] == values[1:3]


@given(st.lists(TEXT, max_size=30))
def test_packed_strings_compare_in_bytes_as_python_compares_the_strings(values):
    packed = PackedStrings(values)
    by_bytes = sorted(range(len(values)), key=packed.encoded)
    assert [values[i] for i in by_bytes] == sorted(values)


def test_packed_strings_cost_about_a_byte_a_character():
    packed = PackedStrings(f"record-{n:06d}" for n in range(1000))
    assert packed.nbytes() == 1000 * (13 + 8)
    with pytest.raises(IndexError):
        packed[1000]
    assert packed.reordered([2, 0]) == ["record-000002", "record-000000"]


def test_shared_values_store_each_value_once():
    kinds = SharedValues(["raid", "arrest", "raid", "raid"])
    assert kinds.values == ["raid", "arrest"] and list(kinds.codes) == [0, 1, 0, 0]
    assert list(kinds) == ["raid", "arrest", "raid", "raid"] and kinds[-1] == "raid"
    assert kinds.reordered([1, 0]) == ["arrest", "raid"]


@given(st.lists(st.lists(st.sampled_from(["US", "DE", "NL", "Harbour Police, Fraud Unit"]), max_size=4), max_size=30))
def test_name_lists_give_back_each_row_and_every_entry(rows):
    lists = NameLists(rows)
    assert len(lists) == len(rows)
    assert list(lists) == [tuple(row) for row in rows] and lists == rows
    assert sorted(set(lists.names)) == sorted({name for row in rows for name in row})
    assert [(row, lists.names[code]) for row, code in lists.entries()] == [
        (number, name) for number, row in enumerate(rows) for name in row]
    for slice_size in (1, 3, 8192):
        columns._SLICE = slice_size
        try:
            assert list(lists.empty_rows()) == [number for number, row in enumerate(rows) if not row]
        finally:
            columns._SLICE = 8192
    order = list(reversed(range(len(rows))))
    assert lists.reordered(order) == [rows[i] for i in order]


def test_name_lists_take_wider_codes_past_65536_names():
    lists = NameLists([[f"agency {n}"] for n in range(70_000)])
    assert lists[69_999] == ("agency 69999",) and lists[3] == ("agency 3",)


def test_optional_ints_keep_none_apart_from_numbers():
    values = OptionalInts([3, None, 0, -5, 2 ** 40])
    assert list(values) == [3, None, 0, -5, 2 ** 40] and values[1] is None


@pytest.mark.parametrize("keys", [
    [5, 1, 9, 2],  # rowids: a table indexed by key
    [10 ** 12, 3, -7],  # far apart or negative: a dict
    [],
])
def test_key_positions_find_every_key_and_answer_missing_for_the_rest(keys, monkeypatch):
    monkeypatch.setattr(columns, "_SLICE", 2)
    positions = KeyPositions(array("q", keys), missing=len(keys))
    assert [positions.get(key) for key in keys] == list(range(len(keys)))
    unknown = [4, 10 ** 6, -1, 0, 10 ** 13]
    assert [positions.get(key) for key in unknown] == [len(keys)] * len(unknown)
    assert list(positions.positions(keys + unknown)) == list(range(len(keys))) + [len(keys)] * len(unknown)
