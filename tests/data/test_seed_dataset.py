"""The bundled seed dataset says what FACTS.md says, and cites a source for everything."""

import pytest

from casenotes.store.countries import normalise_country
from casenotes.store.records import get_record

REQUIRED_RECORDS = [
    "operation-disruptor", "wall-street-market-takedown", "operation-hyperion", "february-2016-darknet-raids",
    "blackshades-arrests-2014", "silk-road-2-takedown", "operation-onymous", "silk-road-2-right-hand-man-plea",
    "uk-stresser-guilty-plea",
]


def by_id(seed_document):
    return {record.id: record for record in seed_document.records}


def test_the_seed_holds_every_required_record(seed_document):
    assert set(REQUIRED_RECORDS) <= set(by_id(seed_document))


def test_every_record_and_every_figure_cites_a_source(seed_document):
    for record in seed_document.records:
        assert record.sources, record.id
        for source in record.sources:
            assert source.title and source.publisher and source.published, (record.id, source)
        for figure in record.figures:
            assert figure.source is not None, (record.id, figure)


def test_disruptor_arrests_per_country_follow_the_official_releases(seed_document):
    disruptor = by_id(seed_document)["operation-disruptor"]
    official = {(f.country, f.value) for f in disruptor.figures if f.label == "arrests" and not f.note}
    assert {("US", 121), ("DE", 42), ("NL", 8), ("GB", 4), ("AT", 3), ("SE", 1), (None, 179)} <= official
    assert "AT" in disruptor.countries and "AU" not in disruptor.countries


def test_the_australia_misprint_is_a_recorded_discrepancy_citing_the_rt_article(seed_document):
    disruptor = by_id(seed_document)["operation-disruptor"]
    misprints = [f for f in disruptor.figures if f.country == "AU"]
    assert len(misprints) == 1 and misprints[0].note
    assert disruptor.sources[misprints[0].source].publisher == "RT"


def test_disagreeing_sources_are_both_kept(seed_document):
    disruptor = by_id(seed_document)["operation-disruptor"]
    us_counts = {f.value for f in disruptor.figures if f.label == "arrests" and f.country == "US"}
    assert {121, 119} <= us_counts
    blackshades = by_id(seed_document)["blackshades-arrests-2014"]
    assert {97, 100} <= {f.value for f in blackshades.figures if f.label == "arrests" and f.country is None}


@pytest.mark.parametrize(
    ("record_id", "relation", "other"),
    [
        ("operation-disruptor", "follows", "wall-street-market-takedown"),
        ("silk-road-2-right-hand-man-plea", "part_of", "silk-road-2-takedown"),
        ("operation-hyperion", "related", "february-2016-darknet-raids"),
        ("operation-hyperion", "related", "blackshades-arrests-2014"),
        ("operation-hyperion", "related", "silk-road-2-takedown"),
    ],
)
def test_relations_from_facts_are_seeded(seed_document, record_id, relation, other):
    assert (other, relation) in {(r.id, r.relation) for r in by_id(seed_document)[record_id].related}


def test_dates_are_kept_at_source_precision(seed_document):
    records = by_id(seed_document)
    assert records["silk-road-2-right-hand-man-plea"].date == "2016-04"
    assert records["uk-stresser-guilty-plea"].date == "2016-10"
    assert records["operation-disruptor"].date == "2020-09-22"
    assert (records["operation-hyperion"].date, records["operation-hyperion"].end_date) == ("2016-10-22", "2016-10-28")


def test_hyperion_names_its_canadian_part(seed_document):
    hyperion = by_id(seed_document)["operation-hyperion"]
    assert {"RCMP", "Canada Post", "CBSA"} <= set(hyperion.agencies)
    assert "Quebec" in hyperion.summary


def test_every_country_is_an_iso_code(seed_document):
    for record in seed_document.records:
        for code in record.countries + [f.country for f in record.figures if f.country]:
            assert normalise_country(code) == code


def test_unverified_identities_are_flagged_as_unverified(seed_document):
    records = by_id(seed_document)
    assert "unverified" in records["silk-road-2-right-hand-man-plea"].summary.lower()
    assert "unverified" in records["uk-stresser-guilty-plea"].summary.lower()


def test_the_seed_loads_into_a_store_and_reads_back_unchanged(seeded_store, seed_document):
    for record in seed_document.records:
        assert get_record(seeded_store, record.id).content() == record.content()
