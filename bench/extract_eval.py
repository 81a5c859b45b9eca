"""How well does the extractor read articles? Precision and recall per field.

    .venv/bin/python bench/extract_eval.py [--articles DIR] [--expected DIR] [--no-store] [--misses]

Reads each ``bench/extract_expected/*.json`` (expected values: for the seed articles
written from shared/FACTS.md), extracts the article it names from ``--articles``
(default: the seed articles in ../shared/seeds, which are not ours to copy into this
repository) or else from bench/extract_articles (short articles we wrote ourselves), and
scores the values a draft proposes by default. Related records are matched against a
store holding the bundled seed dataset, as a new user's store does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casenotes.extract.evaluation import evaluate, format_table  # noqa: E402
from casenotes.store import Store  # noqa: E402
from casenotes.store.seed import apply_seed, bundled_seed  # noqa: E402

DEFAULT_ARTICLES = ROOT.parent / "shared" / "seeds"
OWN_ARTICLES = ROOT / "bench" / "extract_articles"  # short test articles we wrote ourselves
DEFAULT_EXPECTED = ROOT / "bench" / "extract_expected"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of article files")
    parser.add_argument("--expected", type=Path, default=DEFAULT_EXPECTED, help="folder of expected-record JSON files")
    parser.add_argument("--no-store", action="store_true", help="do not match related records against the seed store")
    parser.add_argument("--misses", action="store_true", help="list every missed or unexpected value")
    args = parser.parse_args(argv)
    if not args.articles.is_dir():
        print(f"extract_eval: no article folder at {args.articles}", file=sys.stderr)
        return 2
    store = None
    if not args.no_store:
        store = Store.in_memory()
        apply_seed(store, bundled_seed())
    started = time.perf_counter()
    scores = evaluate([args.articles, OWN_ARTICLES], args.expected, store)
    elapsed = time.perf_counter() - started
    count = len(list(args.expected.glob("*.json")))
    print(f"{count} articles from {args.articles} and {OWN_ARTICLES}, expected values from {args.expected}")
    print(format_table(scores))
    print(f"\nextracted and scored in {elapsed * 1000:.0f} ms")
    if args.misses:
        for score in scores.values():
            for miss in score.misses:
                print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
