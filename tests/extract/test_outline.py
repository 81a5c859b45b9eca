"""Telling an article's own action from the earlier actions it mentions."""

from casenotes.extract import article_from_text, extract_draft


def draft_of(text, published=None, store=None):
    return extract_draft(article_from_text(text, published=published), store)


def test_news_that_opens_on_a_weekday_is_this_action_not_history():
    draft = draft_of("On Tuesday, police arrested 40 people in Operation Northwind across Germany.", "2021-03-04")
    assert draft.first_value("title") == "Operation Northwind"
    assert draft.first_value("date") == "2021-03-02"
    assert [p.value for p in draft.of("country", accepted_only=True)] == ["DE"]
    assert draft.of("relation") == []


def test_an_operation_named_only_as_history_is_not_the_title():
    draft = draft_of("German police have shut down DarkBazaar and arrested its operator. "
                     "Last year, police arrested 179 people in Operation DisrupTor.")
    assert draft.first_value("title") == "DarkBazaar takedown" and draft.first_value("kind") == "takedown"
    (relation,) = draft.of("relation")
    assert "Operation DisrupTor" in relation.evidence[0].words
    assert not next(p for p in draft.of("figure") if p.value.value == 179).accepted


def test_comes_after_makes_a_follows_relation_from_the_rest_of_the_sentence(seeded_store):
    draft = draft_of("The sweep, Operation Quill, comes two years after the Wall Street Market was taken down.",
                     store=seeded_store)
    (relation,) = draft.of("relation", accepted_only=True)
    assert (relation.value.record_id, relation.value.relation) == ("wall-street-market-takedown", "follows")
    assert draft.first_value("title") == "Operation Quill"


def test_a_plea_in_the_same_case_a_year_earlier_is_still_this_case():
    draft = draft_of("A vendor pleaded guilty on June 6, 2022. Agents with the FBI seized $310,000 when they "
                     "searched his home in 2021.", published="2022-06-07")
    assert [p.value for p in draft.of("agency", accepted_only=True)] == ["FBI"]
    assert draft.first_value("kind") == "prosecution"


def test_australian_suspect_in_germany_is_not_a_misprint():
    draft = draft_of("Police arrested an Australian suspect in Germany. Officers in Austria, Germany and Australia helped.")
    flags = [f.code for p in draft.of("country") for f in p.flags]
    assert flags == ["australia-austria"]  # only the list "Austria, Germany and Australia"
