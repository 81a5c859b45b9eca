"""Scoring drafts against expected records: precision and recall per field.

Used by ``bench/extract_eval.py`` and the tests. A draft's values are the ones it
proposes by default (accepted), which is what a user who only clicks Save would keep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from casenotes.extract.assemble import extract_draft
from casenotes.extract.draft import Draft
from casenotes.extract.loading import load_article
from casenotes.store.database import Store

FIELDS = ("title", "kind", "date", "date (exact)", "agencies", "countries", "arrests by country", "arrests total",
          "money", "drugs", "firearms", "related", "flags")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)  # what was wrong, for the report

    def add(self, predicted: set, expected: set, article: str) -> None:
        self.true_positives += len(predicted & expected)
        self.false_positives += len(predicted - expected)
        self.false_negatives += len(expected - predicted)
        self.misses += [f"{article}: unexpected {item!r}" for item in sorted(map(str, predicted - expected))]
        self.misses += [f"{article}: missed {item!r}" for item in sorted(map(str, expected - predicted))]

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else None


def _figures(draft: Draft, label_prefix: str) -> list:
    return [p for p in draft.of("figure", accepted_only=True) if p.value.label.startswith(label_prefix)]


def predicted_values(draft: Draft) -> dict[str, set]:
    """The draft's accepted values in the shapes the expected files use."""
    date = draft.first_value("date")
    return {
        "title": {draft.first_value("title").casefold()} if draft.first_value("title") else set(),
        "kind": {draft.first_value("kind")} if draft.first_value("kind") else set(),
        "date": {date} if date else set(),
        "agencies": {p.value for p in draft.of("agency", accepted_only=True)},
        "countries": {p.value for p in draft.of("country", accepted_only=True)},
        "arrests by country": {(p.value.country, p.value.value) for p in _figures(draft, "arrests") if p.value.country},
        "arrests total": {p.value.value for p in _figures(draft, "arrests") if p.value.country is None},
        "money": {(p.value.label, p.value.value) for p in _figures(draft, "seized_")},
        "drugs": {(p.value.value, p.value.country) for p in _figures(draft, "drugs_kg")},
        "firearms": {p.value.value for p in _figures(draft, "firearms")},
        "related": {p.value.record_id for p in draft.of("relation", accepted_only=True) if p.is_usable()},
        "flags": {
            (p.field, p.value.label if p.field == "figure" else p.value,
             p.value.country if p.field == "figure" else None, flag.code)
            for p in draft.proposals for flag in p.flags if flag.code == "australia-austria"
        },
    }


def expected_values(expected: dict) -> dict[str, set]:
    money = {(m["label"], m["value"]) for m in expected.get("money", [])}
    flags = {
        (f["field"], f.get("label") if f["field"] == "figure" else f.get("value"),
         f.get("country") if f["field"] == "figure" else None, f["code"])
        for f in expected.get("flags", [])
    }
    return {
        "title": {expected["title"].casefold()} if expected.get("title") else set(),
        "kind": {expected["kind"]} if expected.get("kind") else set(),
        "date": {expected["date"]} if expected.get("date") else set(),
        "agencies": set(expected.get("agencies", [])),
        "countries": set(expected.get("countries", [])),
        "arrests by country": set(expected.get("arrests_by_country", {}).items()),
        "arrests total": {expected["arrests_total"]} if expected.get("arrests_total") is not None else set(),
        "money": money,
        "drugs": {(d["value"], d.get("country")) for d in expected.get("drugs", [])},
        "firearms": {expected["firearms"]} if expected.get("firearms") is not None else set(),
        "related": set(expected.get("related", [])),
        "flags": flags,
    }


def _date_matches(predicted: set, expected: set) -> set:
    """Predicted dates that agree with the expected one at their own precision ('2016-10' fits '2016-10-22')."""
    return {p for p in predicted for e in expected if e.startswith(p)}


def evaluate(articles_dirs: Path | list[Path], expected_dir: Path, store: Store | None = None) -> dict[str, Score]:
    """Extract every article that has an expected file and score the drafts per field.

    An article is looked for in each of ``articles_dirs`` in turn.
    """
    folders = [articles_dirs] if isinstance(articles_dirs, Path) else list(articles_dirs)
    scores = {name: Score() for name in FIELDS}
    for expected_file in sorted(expected_dir.glob("*.json")):
        spec = json.loads(expected_file.read_text(encoding="utf-8"))
        given = spec.get("given", {})
        path = next((folder / spec["article"] for folder in folders if (folder / spec["article"]).is_file()),
                    folders[0] / spec["article"])
        article = load_article(path, publisher=given.get("publisher"), published=given.get("published"))
        draft = extract_draft(article, store)
        predicted, wanted = predicted_values(draft), expected_values(spec["expected"])
        name = spec["article"]
        for field_name in FIELDS:
            if field_name == "date (exact)":
                scores[field_name].add(predicted["date"], wanted["date"], name)
            elif field_name == "date":
                # A coarser date that agrees ("2016" for 2016-10-22) counts here; "date (exact)" is strict.
                agreeing = _date_matches(predicted["date"], wanted["date"])
                scores[field_name].add(wanted["date"] if agreeing else predicted["date"], wanted["date"], name)
            else:
                scores[field_name].add(predicted[field_name], wanted[field_name], name)
    return scores


def format_table(scores: dict[str, Score]) -> str:
    def percent(value: float | None) -> str:
        return "   n/a" if value is None else f"{value * 100:5.1f}%"

    lines = [f"{'field':<20} {'precision':>9} {'recall':>7}   tp  fp  fn", "-" * 50]
    for name, score in scores.items():
        lines.append(f"{name:<20} {percent(score.precision):>9} {percent(score.recall):>7}  "
                     f"{score.true_positives:>3} {score.false_positives:>3} {score.false_negatives:>3}")
    return "\n".join(lines)
