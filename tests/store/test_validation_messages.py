"""A refusal names the field at fault first (or, for the start date and the countries, starts
with the faulty value as imports have always reported it), so a form can show it at the field."""

import pytest

from casenotes.store import InvalidInput
from casenotes.store.models import Figure, Relation, Source
from casenotes.store.validation import validate_record
from tests.store.test_records import full_record


@pytest.mark.parametrize(
    ("change", "starts"),
    [
        ({"title": ""}, "title"),
        ({"kind": "heist"}, "kind"),
        ({"date": "2014-13-45"}, "'2014-13-45' is not a real date"),
        ({"end_date": "2020-02-30"}, "end_date:"),
        ({"date": None, "end_date": "2020"}, "end_date"),
        ({"date": "2020-09", "end_date": "2020-08"}, "end_date"),
        ({"countries": ["XX"]}, "country 'XX'"),
        ({"figures": [Figure("arrests", 1), Figure("arrests", float("inf"))]}, "figures[1].value"),
        ({"figures": [Figure("arrests", 1, country="XX")]}, "figures[0]:"),
        ({"sources": [Source("A", url="ftp://x")]}, "sources[0].url"),
        ({"sources": [Source("A", published="2014-13")]}, "sources[0].published"),
        ({"related": [Relation("ok", "follows"), Relation("bad id!", "follows")]}, "related[1]:"),
        ({"related": [Relation("operation-example", "related")]}, "related[0]:"),
    ],
)
def test_the_message_starts_with_the_field_or_its_value(change, starts):
    with pytest.raises(InvalidInput) as refused:
        validate_record(full_record(**change))
    assert str(refused.value).startswith(starts)
