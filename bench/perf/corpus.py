"""Words for generated records, read at run time from real article text (none is copied here).

The texts are the two seed articles and the gwern.net tables in ``../shared`` (when the
checkout sits next to it) and the summaries of the bundled seed dataset and the extract
test articles in the repository. Words are ranked by how often they occur there and then
drawn with a Zipf law over that rank, so the generated text has a realistic long tail;
frequent word pairs of the real text are drawn as units too, so phrase searches find
real phrases.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED_CANDIDATES = (REPO.parent / "shared", Path("/work/shared"))
ZIPF_EXPONENT = 1.05
PAIR_SHARE = 0.18  # of the units drawn for running text, how many are real word pairs
PAIR_COUNT = 400  # the most frequent pairs of the real text that can be drawn
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")
# Words reserved for notes (what people write to themselves), kept out of records, so a
# search for one of them can only be answered from notes.
NOTE_ONLY_WORDS = ("followup", "recheck", "callback", "interviewee", "todo", "crosscheck", "myhunch",
                   "askeditor", "draftpara", "fixme")


@dataclass(frozen=True)
class Corpus:
    """The vocabulary, with cumulative Zipf weights ready for ``random.choices``."""

    units: tuple[str, ...]  # words and word pairs, most frequent first
    cum_weights: tuple[float, ...]
    words: tuple[str, ...]  # single words by rank
    digest: str  # identifies the text the corpus came from (part of the cache key)
    sources: tuple[str, ...]  # where the text came from, for the report


def _shared_dir() -> Path | None:
    for candidate in SHARED_CANDIDATES:
        if (candidate / "seeds").is_dir():
            return candidate
    return None


def _texts() -> tuple[list[str], list[str]]:
    texts: list[str] = []
    sources: list[str] = []
    shared = _shared_dir()
    json_files = [REPO / "resources" / "seed" / "casenotes-seed.json"]
    text_files = sorted((REPO / "bench" / "extract_articles").glob("*.*"))
    if shared is not None:
        text_files += sorted((shared / "seeds").glob("*.txt"))
        # The combined file holds both tables (arrests and markets) once.
        json_files.append(shared / "data" / "gwern" / "gwern_dnm_combined.casenotes.json")
    for path in text_files:
        if path.name.lower() != "readme.md":
            texts.append(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
            sources.append(str(path.relative_to(path.parents[1])))
    for path in json_files:
        document = json.loads(path.read_text(encoding="utf-8"))
        for record in document.get("records", []):
            texts.append(f"{record.get('title', '')}. {record.get('summary') or ''}")
        for note in document.get("notes", []):
            texts.append(note.get("body", ""))
        sources.append(str(path.relative_to(path.parents[1])))
    return texts, sources


def load_corpus() -> Corpus:
    """Read the texts and build the Zipf-weighted vocabulary (deterministic for the same texts)."""
    texts, sources = _texts()
    reserved = set(NOTE_ONLY_WORDS)
    word_counts: Counter[str] = Counter()
    pair_counts: Counter[str] = Counter()
    for text in texts:
        for sentence in re.split(r"[.!?;:\n]+", text):
            words = [word.lower() for word in _WORD.findall(sentence) if word.lower() not in reserved]
            word_counts.update(words)
            pair_counts.update(f"{a} {b}" for a, b in zip(words, words[1:]) if a != b)
    # Ties broken alphabetically so the order (and the cache key) never depends on dict order.
    words = tuple(word for word, _ in sorted(word_counts.items(), key=lambda item: (-item[1], item[0])))
    pairs = [pair for pair, count in sorted(pair_counts.items(), key=lambda item: (-item[1], item[0])) if count > 2]
    pairs = pairs[:PAIR_COUNT]
    word_weights = [1.0 / rank ** ZIPF_EXPONENT for rank in range(1, len(words) + 1)]
    pair_weights = [1.0 / rank ** ZIPF_EXPONENT for rank in range(1, len(pairs) + 1)]
    scale_words = (1 - PAIR_SHARE) / sum(word_weights)
    scale_pairs = PAIR_SHARE / sum(pair_weights) if pairs else 0.0
    units = words + tuple(pairs)
    weights = [w * scale_words for w in word_weights] + [w * scale_pairs for w in pair_weights]
    digest = hashlib.sha256("\x00".join(units).encode()).hexdigest()[:12]
    return Corpus(units, tuple(accumulate(weights)), words, digest, tuple(sources))
