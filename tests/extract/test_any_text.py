"""Whatever is pasted, extraction gives a draft (maybe an empty one) and never an exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from casenotes.extract import article_from_text, extract_draft

_WORDS = st.sampled_from([
    "Operation", "DisrupTor", "arrested", "179", "people", "in", "the", "US", "U.S.", "Australia", "Austria",
    "three", "more than", "$6.5 million", "€550,000", "36 kilograms", "of cocaine", "last week", "on Tuesday",
    "In February", "2014", "FBI", "Europol", "AFP", "seized", "pleaded guilty", "after", "‘the Wall Street Market’",
    ".", ",", "\n", "\n\n", "“", "”", "(", ")", "Silk Road 2.0", "BlackShades", "raided", "69 homes",
])


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_WORDS, max_size=60), published=st.sampled_from([None, "2016", "2016-11", "2016-11-01"]))
def test_any_mix_of_article_words_gives_a_consistent_draft(words, published):
    article = article_from_text(" ".join(words), published=published)
    draft = extract_draft(article)
    for proposal in draft.proposals:
        for evidence in proposal.evidence:
            assert article.text[evidence.start:evidence.end] == evidence.words
    draft.as_json()


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    extract_draft(article_from_text(text))


def test_empty_text_gives_an_empty_draft_with_a_flag():
    draft = extract_draft(article_from_text("   \n  "))
    assert [flag.code for flag in draft.flags] == ["no-title", "empty"]
