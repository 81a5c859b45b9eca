"""Generated format-v1 records shaped like real ones, for large-file tests and the benchmark."""

from __future__ import annotations

import json
import random
from pathlib import Path

KINDS = ("operation", "takedown", "raid", "arrest", "prosecution", "other")
COUNTRIES = ("US", "DE", "GB", "NL", "FR", "AU", "CA", "SE", "AT", "IT", "ES", "PL", "RO", "BR")
AGENCIES = ("FBI", "Europol", "DEA", "NCA", "BKA", "Dutch National Police", "HSI", "USPIS", "AFP", "RCMP",
            "Eurojust", "IRS-CI", "FBI Cyber Division", "Polish Police", "Swedish Police Authority")
TAGS = ("darknet", "market", "drugs", "weapons", "fraud", "carding", "ransomware", "vendor", "bitcoin")
WORDS = ("vendor market police seized bitcoin arrest darknet servers operation charged laundering fentanyl "
         "marketplace administrator customers packages wallet investigation search warrant indicted").split()


def generated_record(
    number: int, rng: random.Random, *, summary_words: tuple[int, int] = (20, 50), figure_note_chars: int = 0,
) -> dict:
    """Two agencies, countries and tags, a figure citing a source, a relation to the previous record.

    ``figure_note_chars`` pads the figure's note, which makes a file big without making
    it slow to index (notes on figures are not searched).
    """
    year = rng.randint(2011, 2025)
    record = {
        "id": f"gen-{number:07d}",
        "title": f"Operation {rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {number}",
        "kind": rng.choice(KINDS),
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "end_date": None,
        "summary": " ".join(rng.choice(WORDS) for _ in range(rng.randint(*summary_words))).capitalize() + ".",
        "agencies": rng.sample(AGENCIES, 2),
        "countries": rng.sample(COUNTRIES, 2),
        "figures": [{"label": "arrests", "value": rng.randint(1, 300), "unit": "people", "country": None,
                     "source": 0}],
        "sources": [{"title": f"Press release {number % 20_000}", "publisher": "Europol",
                     "url": f"https://example.org/news/{number % 20_000}", "published": f"{year}"}],
        "related": [{"id": f"gen-{number - 1:07d}", "relation": "follows"}] if number else [],
        "tags": rng.sample(TAGS, 2),
    }
    if figure_note_chars:
        record["figures"][0]["note"] = (f"Note {number}: " + " ".join(WORDS) * (figure_note_chars // 150 + 1))[
            :figure_note_chars]
    return record


def write_generated_json(path: Path, count: int, *, seed: int = 6, notes: int = 0,
                         summary_words: tuple[int, int] = (20, 50), figure_note_chars: int = 0) -> Path:
    """A format-v1 file of ``count`` generated records (and ``notes`` notes), written record by record."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": "casenotes", "version": 1, "records": [\n')
        for number in range(count):
            record = generated_record(number, rng, summary_words=summary_words, figure_note_chars=figure_note_chars)
            out.write(("," if number else "") + json.dumps(record) + "\n")
        out.write('], "notes": [\n')
        for number in range(notes):
            note = {"record_id": f"gen-{rng.randrange(count):07d}", "body": f"Note {number} on this record.",
                    "created": f"2026-01-01T10:{number // 60 % 60:02d}:{number % 60:02d}.{number:06d}Z"}
            out.write(("," if number else "") + json.dumps(note) + "\n")
        out.write("]}\n")
    return path
