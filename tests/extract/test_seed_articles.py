"""The two seed articles extract to drafts that match shared/FACTS.md."""

from casenotes.extract import extract_draft, load_article
from casenotes.extract.evaluation import evaluate
from tests.extract.conftest import EXPECTED, HYPERION, OWN_ARTICLES, RT, SEEDS


def accepted(draft, field):
    return [p for p in draft.of(field, accepted_only=True) if p.is_usable()]


def figures(draft, label):
    return {(p.value.country, p.value.value) for p in accepted(draft, "figure") if p.value.label == label}


def test_rt_article_gives_operation_disruptor_with_its_figures(rt_draft):
    assert rt_draft.first_value("title") == "Operation DisrupTor"
    assert rt_draft.first_value("kind") == "operation"
    assert figures(rt_draft, "arrests") == {(None, 179), ("US", 121), ("DE", 42), ("NL", 8), ("GB", 4), ("AU", 3), ("SE", 1)}
    assert figures(rt_draft, "seized_usd") == {(None, 6_500_000)}
    assert figures(rt_draft, "drugs_kg") == {(None, 500), ("US", 275)}
    money = next(p for p in accepted(rt_draft, "figure") if p.value.label == "seized_usd")
    assert money.qualifier == "more than" and "more than $6.5 million" in money.value.note


def test_rt_article_agencies_and_countries(rt_draft):
    assert {p.value for p in accepted(rt_draft, "agency")} == {"JCODE", "Europol", "FBI", "HSI", "US DOJ"}
    assert [p.value for p in accepted(rt_draft, "country")] == ["US", "DE", "NL", "GB", "AU", "SE"]


def test_rt_article_raises_the_australia_austria_flag_without_changing_the_value(rt_draft):
    country = next(p for p in rt_draft.of("country") if p.value == "AU")
    arrests = next(p for p in rt_draft.of("figure") if p.value.country == "AU")
    for proposal in (country, arrests):
        assert [f.code for f in proposal.flags] == ["australia-austria"]
        assert "Austria" in proposal.flags[0].message
        assert proposal.evidence[0].words.endswith("Australia")
    assert arrests.value.value == 3 and country.value == "AU"


def test_rt_article_follows_the_wall_street_market_takedown(rt_draft):
    (relation,) = accepted(rt_draft, "relation")
    assert relation.value.record_id == "wall-street-market-takedown" and relation.value.relation == "follows"
    assert "Wall Street Market" in relation.evidence[0].words


def test_rt_date_on_tuesday_resolves_only_with_a_publication_date(rt_draft, seeded_store):
    assert rt_draft.first_value("date") == "2020-09"
    exact = extract_draft(load_article(RT, published="2020-09-23"), seeded_store)
    assert exact.first_value("date") == "2020-09-22"
    unknown = extract_draft(load_article(RT), seeded_store)
    (date,) = unknown.of("date")
    assert date.value is None and not date.accepted
    assert date.flags[0].code == "relative-date-unresolved" and date.evidence[0].words == "on Tuesday"


def test_every_proposed_value_shows_the_sentence_it_came_from(rt_draft):
    text = rt_draft.article.text
    for proposal in rt_draft.proposals:
        for evidence in proposal.evidence:
            assert text[evidence.sentence_start:evidence.sentence_start + len(evidence.sentence)] == evidence.sentence
            assert text[evidence.start:evidence.end] == evidence.words and evidence.words in evidence.sentence


def test_hyperion_article_gives_the_canadian_side_and_the_participants(hyperion_draft):
    assert hyperion_draft.first_value("title") == "Operation Hyperion"
    assert {p.value for p in accepted(hyperion_draft, "agency")} == {"RCMP", "Canada Post", "CBSA", "Europol"}
    assert {p.value for p in accepted(hyperion_draft, "country")} == {"CA", "US", "GB", "AU", "NZ", "NL", "FR", "IE", "FI"}
    assert figures(hyperion_draft, "agencies_involved") == {(None, 9)}
    assert figures(hyperion_draft, "people_detained") == {("CA", 1)}
    assert not any(f.code == "australia-austria" for p in hyperion_draft.proposals for f in p.flags)


def test_hyperion_earlier_actions_are_candidate_relations_not_its_own_facts(hyperion_draft):
    assert [p.value.record_id for p in accepted(hyperion_draft, "relation")] == [
        "february-2016-darknet-raids", "blackshades-arrests-2014", "silk-road-2-takedown",
        "silk-road-2-right-hand-man-plea", "uk-stresser-guilty-plea",
    ]
    left_out = {p.value for p in hyperion_draft.of("country") if not p.accepted}
    assert left_out == {"DE", "BA", "CH", "LT", "RU", "BE", "IT", "CL"}
    blackshades = next(p for p in hyperion_draft.of("figure") if p.value.value == 100)
    assert not blackshades.accepted and blackshades.flags[0].code == "earlier-action"
    fbi = next(p for p in hyperion_draft.of("agency") if p.value == "FBI")
    assert not fbi.accepted


def test_without_a_store_relations_are_shown_but_not_proposed():
    draft = extract_draft(load_article(HYPERION, published="2016-11"))
    relations = draft.of("relation")
    assert len(relations) == 5 and not any(p.accepted for p in relations)
    assert all(p.flags[0].code == "no-matching-record" for p in relations)


def test_evaluation_recall_on_the_seed_and_own_articles(seeded_store):
    scores = evaluate([SEEDS, OWN_ARTICLES], EXPECTED, seeded_store)
    assert scores["arrests by country"].recall >= 0.9
    assert scores["agencies"].recall >= 0.9
    assert scores["arrests by country"].precision >= 0.9 and scores["agencies"].precision >= 0.9
