"""load_timeline: every live record as a day range, in date order, with its relations."""

import datetime as dt

import pytest

from casenotes.store.dates import Precision
from casenotes.store.interchange import import_document, read_document
from casenotes.store.models import Record, Relation
from casenotes.store.records import delete_record, save_record
from casenotes.store.timeline import NO_END, TimelineData, load_timeline
from tests.conftest import GWERN


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def add(store, record_id, date, end_date=None, **fields):
    save_record(store, Record(id=record_id, title=fields.pop("title", record_id), kind=fields.pop("kind", "operation"),
                              date=date, end_date=end_date, **fields))


def test_a_day_is_a_single_day(store):
    add(store, "a", "2020-09-22")
    data = load_timeline(store)
    assert (data.starts[0], data.ends[0], data.precisions[0]) == (day("2020-09-22"), day("2020-09-22"), Precision.DAY)


def test_a_month_precision_date_covers_the_whole_month(store):
    add(store, "feb", "2016-02")
    data = load_timeline(store)
    assert (data.starts[0], data.ends[0]) == (day("2016-02-01"), day("2016-02-29"))
    assert data.precisions[0] == Precision.MONTH and data.end_precisions[0] == NO_END


def test_a_year_precision_date_covers_the_whole_year(store):
    add(store, "y", "2014")
    data = load_timeline(store)
    assert (data.starts[0], data.ends[0]) == (day("2014-01-01"), day("2014-12-31"))


def test_an_end_date_extends_the_range_to_its_own_last_day(store):
    add(store, "range", "2016-10-22", "2016-11")
    data = load_timeline(store)
    assert (data.starts[0], data.ends[0]) == (day("2016-10-22"), day("2016-11-30"))
    assert data.end_precisions[0] == Precision.MONTH
    assert data.date_text(0) == "22 October 2016 – November 2016"


def test_dates_read_back_at_their_own_precision(store):
    add(store, "m", "2014-05")
    add(store, "d", "2014-11-06", "2014-11-07")
    data = load_timeline(store)
    month, days = data.index_of("m"), data.index_of("d")
    assert data.date_iso(month) == "2014-05" and data.end_date_iso(month) is None
    assert (data.date_iso(days), data.end_date_iso(days)) == ("2014-11-06", "2014-11-07")
    assert data.date_text(month) == "May 2014"


def test_records_come_in_date_order_whatever_order_they_were_saved_in(store):
    for record_id, date in [("late", "2020-01-05"), ("year", "2014"), ("early", "2011-03-02"), ("day", "2014-01-01")]:
        add(store, record_id, date)
    data = load_timeline(store)
    assert data.ids == ["early", "day", "year", "late"]  # the day sorts before the year that starts with it
    assert list(data.starts) == sorted(data.starts)


def test_deleted_records_and_their_relations_are_left_out(store):
    add(store, "kept", "2019-04-23")
    add(store, "gone", "2019-05-01")
    add(store, "pointing", "2020-09-22", related=[Relation("kept", "follows"), Relation("gone", "related")])
    delete_record(store, "gone")
    data = load_timeline(store)
    assert "gone" not in data.ids
    assert data.relations == [("pointing", "kept", "follows")]


def test_records_without_a_date_are_listed_apart(store):
    add(store, "undated", None)
    add(store, "dated", "2015")
    data = load_timeline(store)
    assert data.ids == ["dated"] and data.undated_ids == ["undated"]
    assert data.index_of("undated") is None


def test_countries_agencies_and_arrests_come_with_each_record(seeded_store):
    data = load_timeline(seeded_store)
    disruptor = data.index_of("operation-disruptor")
    assert data.titles[disruptor] == "Operation DisrupTor"
    assert data.kinds[disruptor] == "operation"
    assert data.countries[disruptor][:2] == ("US", "DE")
    assert data.agencies[disruptor][:3] == ("JCODE", "FBI", "DEA")
    assert data.arrests[disruptor] == 179
    assert ("operation-disruptor", "wall-street-market-takedown", "follows") in data.relations


def test_country_and_agency_names_are_stored_once_not_per_record(store):
    for number in range(50):
        add(store, f"r{number}", "2015-01-01", countries=["US", "DE"], agencies=["FBI"])
    data = load_timeline(store)
    assert data.countries.names == ["US", "DE"] and data.agencies.names == ["FBI"]
    assert all(data.countries[i] == ("US", "DE") and data.agencies[i] == ("FBI",) for i in range(50))
    assert data.countries.nbytes() <= 50 * (2 * 2 + 4) + 4  # two 2-byte codes and an offset a record


def test_real_data_loads_with_market_lifetimes_as_ranges(seeded_store):
    import_document(seeded_store, read_document(GWERN / "gwern_dnm_combined.casenotes.json"))
    data = load_timeline(seeded_store)
    assert len(data) + len(data.undated_ids) == 9 + 523
    market = data.index_of("gwern-market-horizon-market")
    assert (data.starts[market], data.ends[market]) == (day("2015-05-23"), day("2015-07-08"))
    markets_with_ends = sum(1 for i in range(len(data)) if data.kinds[i] == "other" and data.end_precisions[i] != NO_END)
    assert markets_with_ends == 83
    assert len({source for source, _, _ in data.relations if source.startswith("gwern-arrest-")}) == 348


def test_from_rows_rejects_nothing_and_places_bad_dates_with_the_undated():
    data = TimelineData.from_rows([
        ("ok", "Fine", "raid", "2016-02-23", None, (), (), None),
        ("bad", "Not a date", "raid", "sometime", None, (), (), None),
    ])
    assert data.ids == ["ok"] and data.undated_ids == ["bad"]


@pytest.mark.parametrize("date, end, expected_end", [("2016", "2016-03", "2016-12-31"), ("2016-03", "2016-03-02", "2016-03-31")])
def test_an_end_date_inside_the_start_period_never_shortens_it(store, date, end, expected_end):
    add(store, "r", date, end)
    assert load_timeline(store).ends[0] == day(expected_end)


def test_every_record_is_found_by_its_id_whatever_the_ids_look_like(store):
    # Ids in an order unlike the dates, with capitals and every punctuation an id may hold.
    ids = ["b", "B", "a", "a-1", "a.1", "a:1", "a~1", "a_1", "Z9", "0start", "zz", "A.b:C~d_e-f"]
    for number, record_id in enumerate(ids):
        add(store, record_id, f"20{10 + number % 7}-0{1 + number % 9}-1{number % 10}")
    add(store, "no-date", None)
    data = load_timeline(store)
    assert {record_id: data.ids[data.index_of(record_id)] for record_id in ids} == {i: i for i in ids}
    assert data.index_of("no-date") is None and data.index_of("c") is None and data.index_of("") is None


def test_record_keys_lead_to_positions_and_undated_ones_to_none(store):
    add(store, "later", "2021-01-01")
    add(store, "earlier", "2011-01-01")
    add(store, "undated", None)
    data = load_timeline(store)
    keys = dict(store.db.conn.execute("SELECT id, key FROM records"))
    positions = data.key_positions()
    assert [positions.get(keys[record_id]) for record_id in ("earlier", "later", "undated")] == [0, 1, len(data)]


def test_relations_to_undated_records_are_kept_by_position_past_the_dated_ones(store):
    add(store, "undated", None)
    add(store, "dated", "2015-01-01", related=[Relation("undated", "part_of")])
    data = load_timeline(store)
    assert data.relations == [("dated", "undated", "part_of")]
    assert (data.relation_sources[0], data.relation_targets[0]) == (0, len(data))


def test_from_rows_sorts_by_date_and_keeps_every_column_with_its_record():
    data = TimelineData.from_rows([
        ("late", "Late", "raid", "2020-01-01", None, ("DE",), ("BKA",), 3, 30),
        ("early", "Early", "arrest", "2010-05", "2010-07-02", ("US", "NL"), (), None, 10),
    ], [("late", "early", "follows")])
    assert list(data.ids) == ["early", "late"] and list(data.keys) == [10, 30]
    assert (data.titles[0], data.kinds[0], data.countries[0], data.agencies[0], data.arrests[0]) == (
        "Early", "arrest", ("US", "NL"), (), None)
    assert (data.titles[1], data.kinds[1], data.countries[1], data.agencies[1], data.arrests[1]) == (
        "Late", "raid", ("DE",), ("BKA",), 3)
    assert data.date_text(0) == "May 2010 – 2 July 2010"
    assert data.relations == [("late", "early", "follows")] and data.index_of("late") == 1
    assert data.key_positions().get(30) == 1
    assert data.last_day() == day("2020-01-01") == max(data.ends) and TimelineData().last_day() is None
