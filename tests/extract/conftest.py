from pathlib import Path

import pytest

from casenotes.extract import extract_draft, load_article
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
RT = SEEDS / "rt-2020-09-operation-disruptor.txt"
HYPERION = SEEDS / "itworldcanada-2016-operation-hyperion.txt"
BENCH = Path(__file__).resolve().parents[2] / "bench"
EXPECTED = BENCH / "extract_expected"
OWN_ARTICLES = BENCH / "extract_articles"


@pytest.fixture
def rt_draft(seeded_store):
    return extract_draft(load_article(RT, published="2020-09"), seeded_store)


@pytest.fixture
def hyperion_draft(seeded_store):
    return extract_draft(load_article(HYPERION, published="2016-11"), seeded_store)
