"""Generated records and notes shaped like the real ones, as format-v1 JSON objects.

Dates span 2005–2026 at mixed precision (most to the day, some to the month or year, a
few undated, some with an end date); agencies, countries, publishers and tags come from
realistic lists with skewed frequencies; 10% of records carry 1–5 notes. Pseudonyms
and operation code names are made of syllables: each pseudonym is used by a handful of
records only, which gives the rare words people search for.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from bench.perf.corpus import NOTE_ONLY_WORDS, Corpus

KINDS = (("arrest", 38), ("operation", 14), ("takedown", 9), ("raid", 12), ("prosecution", 20), ("other", 7))
# Most active first; weights fall off with the position (a Zipf-like skew).
AGENCIES = (
    "FBI", "Europol", "DEA", "HSI", "USPIS", "Eurojust", "BKA", "NCA", "IRS-CI", "Dutch National Police",
    "JCODE", "AFP", "RCMP", "US DOJ", "ZIT Frankfurt", "Guardia Civil", "Polizia Postale", "Gendarmerie",
    "Swedish Police Authority", "Finnish Customs", "CBSA", "Canada Post", "ATF", "USSS", "Polish Police",
    "Police Scotland", "New Zealand Police", "Garda", "Belgian Federal Police", "Austrian BK",
    "Swiss fedpol", "Danish NC3", "Norwegian Kripos", "Czech NCOZ", "Romanian DIICOT", "Portuguese PJ",
    "Lithuanian Police", "Bulgarian GDBOP", "Brazilian Federal Police", "Israeli Police", "Japanese NPA",
    "Korean KNPA", "Indian NCB", "Thai DSI", "Ukrainian Cyber Police", "Moldovan Police", "Hungarian NNI",
    "Europol EC3", "Interpol", "UK Border Force",
)
COUNTRIES = (
    ("US", 40), ("DE", 14), ("GB", 12), ("NL", 9), ("AU", 8), ("FR", 5), ("CA", 5), ("SE", 4), ("ES", 3),
    ("IT", 3), ("AT", 2), ("PL", 2), ("NZ", 2), ("BE", 2), ("CH", 2), ("FI", 2), ("IE", 2), ("DK", 1),
    ("NO", 1), ("CZ", 1), ("RO", 1), ("PT", 1), ("LT", 1), ("BG", 1), ("BR", 1), ("IL", 1), ("JP", 1),
    ("KR", 1), ("IN", 1), ("TH", 1), ("UA", 1), ("MD", 1), ("HU", 1), ("RU", 1), ("BA", 1), ("CO", 1),
    ("MX", 1), ("AR", 1), ("ZA", 1), ("SG", 1), ("HK", 1), ("CY", 1), ("GR", 1), ("SK", 1), ("SI", 1),
)
PUBLISHERS = (
    ("Europol", "europol.europa.eu"), ("US Department of Justice", "justice.gov"), ("FBI", "fbi.gov"),
    ("Reuters", "reuters.com"), ("BBC", "bbc.co.uk"), ("The Register", "theregister.com"), ("RT", "rt.com"),
    ("IT World Canada", "itworldcanada.com"), ("Dawn", "dawn.com"), ("Wired", "wired.com"),
    ("Ars Technica", "arstechnica.com"), ("KrebsOnSecurity", "krebsonsecurity.com"),
    ("BleepingComputer", "bleepingcomputer.com"), ("The Guardian", "theguardian.com"),
    ("Der Spiegel", "spiegel.de"), ("NOS", "nos.nl"), ("ABC News", "abc.net.au"), ("CBC", "cbc.ca"),
    ("NZ Herald", "nzherald.co.nz"), ("Eurojust", "eurojust.europa.eu"), ("BKA", "bka.de"),
    ("National Crime Agency", "nationalcrimeagency.gov.uk"), ("gwern.net", "gwern.net"),
    ("Motherboard", "vice.com"), ("DeepDotWeb", "deepdotweb.com"), ("The Record", "therecord.media"),
)
MARKETS = ("Silk Road", "Silk Road 2.0", "AlphaBay", "Hansa", "Wall Street Market", "Dream Market", "Agora",
           "Evolution", "Hydra", "Empire", "Nucleus", "Valhalla", "Berlusconi", "DarkMarket", "Monopoly",
           "White House", "Dark0de", "Cannazon", "Versus", "Torrez", "ToRReZ", "Genesis", "Nemesis", "Kingdom",
           "Abacus", "Archetyp", "Incognito", "BlackBank", "Outlaw", "Sheep")
ROLES = ("buyer", "seller", "vendor", "administrator", "moderator", "courier", "launderer")
TAGS = ("darknet", "market", "drugs", "weapons", "fraud", "carding", "ransomware", "vendor", "bitcoin", "monero",
        "fentanyl", "opioids", "cocaine", "mdma", "cannabis", "phishing", "botnet", "ddos", "malware", "money laundering",
        "extradition", "sentencing", "guilty plea", "seizure", "exit scam", "joint action", "undercover",
        "postal", "forum", "csam", "counterfeit", "hacking", "tor", "cryptocurrency", "insider", "informant")
SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou") + ("x", "q", "th", "sh")
FIGURE_LABELS = (("arrests", "people"), ("seized_usd", "USD"), ("drugs_kg", "kg"), ("firearms", "weapons"),
                 ("searches", "premises"))
FIRST_DAY = dt.date(2005, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 6, 30).toordinal()
NOTE_CREATED_START = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


@dataclass(frozen=True)
class Vocabulary:
    """The lists a generator draws from, sized for the number of records."""

    corpus: Corpus
    pseudonyms: int  # how many distinct pseudonyms: a handful of records each
    code_names: int

    @classmethod
    def for_size(cls, corpus: Corpus, count: int) -> Vocabulary:
        return cls(corpus, pseudonyms=max(200, count // 4), code_names=max(50, count // 25))


def syllable_name(number: int, syllables: int = 3) -> str:
    """A pronounceable made-up name for a number (distinct numbers give distinct names)."""
    parts = []
    for _ in range(syllables):
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    while number:
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def pseudonym(number: int) -> str:
    return syllable_name(number * 7 + 3).capitalize()


def code_name(number: int) -> str:
    return syllable_name(number * 11 + 5, 2).capitalize() + syllable_name(number, 1)


class RecordGenerator:
    """Deterministic generator of records ``0..count-1`` and their notes."""

    def __init__(self, vocabulary: Vocabulary, count: int, seed: int = 8) -> None:
        self.vocabulary = vocabulary
        self.count = count
        self.rng = random.Random(seed)
        corpus = vocabulary.corpus
        self._units = corpus.units
        self._unit_weights = corpus.cum_weights
        self._kinds = [kind for kind, _ in KINDS]
        self._kind_weights = _cumulative(weight for _, weight in KINDS)
        self._agency_weights = _cumulative(1 / (rank + 1) for rank in range(len(AGENCIES)))
        self._countries = [code for code, _ in COUNTRIES]
        self._country_weights = _cumulative(weight for _, weight in COUNTRIES)
        self._tag_weights = _cumulative(1 / (rank + 1) ** 0.8 for rank in range(len(TAGS)))
        self._market_weights = _cumulative(1 / (rank + 1) for rank in range(len(MARKETS)))
        self._source_pool = max(60, count // 3)
        self._note_number = 0

    def text(self, low: int, high: int, typical: int | None = None) -> str:
        """Running text of ``low``..``high`` units drawn from the corpus, in sentences.

        With ``typical``, lengths are log-normal around it (most texts short, a few long).
        """
        rng = self.rng
        if typical is None:
            length = rng.randint(low, high)
        else:
            length = min(high, max(low, int(rng.lognormvariate(math.log(typical), 0.7))))
        units = rng.choices(self._units, cum_weights=self._unit_weights, k=length)
        sentences, start = [], 0
        while start < len(units):
            end = start + rng.randint(6, 16)
            sentence = " ".join(units[start:end])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)

    def _date(self) -> tuple[str | None, str | None]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.005:
            return None, None
        day = dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
        if roll < 0.76:
            date = day.isoformat()
        elif roll < 0.93:
            date = day.strftime("%Y-%m")
        else:
            date = str(day.year)
        end_date = None
        if rng.random() < 0.08 and len(date) == 10:
            end = dt.date.fromordinal(min(LAST_DAY, day.toordinal() + 1 + int(rng.expovariate(1 / 90))))
            end_date = end.isoformat()
        return date, end_date

    def _title(self, kind: str, number: int, market: str, country: str) -> tuple[str, str | None]:
        """The title, and the pseudonym it names (if any)."""
        rng = self.rng
        name = pseudonym(rng.randrange(self.vocabulary.pseudonyms))
        if kind == "operation":
            return f"Operation {code_name(rng.randrange(self.vocabulary.code_names))}", None
        if kind == "takedown":
            return f"{market} takedown", None
        if kind == "raid":
            return f"Raids on {market} vendors in {country}", None
        if kind == "arrest":
            return f"Arrest of {name} ({rng.choice(ROLES)}, {market}, {country})", name
        if kind == "prosecution":
            return f"{name} {rng.choice(('sentenced', 'pleads guilty', 'charged', 'indicted', 'extradited'))}", name
        return self.text(3, 7).rstrip("."), None

    def record(self, number: int) -> dict:
        rng = self.rng
        kind = rng.choices(self._kinds, cum_weights=self._kind_weights)[0]
        date, end_date = self._date()
        countries = list(dict.fromkeys(
            rng.choices(self._countries, cum_weights=self._country_weights, k=rng.choice((1, 1, 1, 2, 2, 3, 4)))))
        agencies = list(dict.fromkeys(
            rng.choices(AGENCIES, cum_weights=self._agency_weights, k=rng.choice((0, 1, 1, 2, 2, 3, 4)))))
        market = rng.choices(MARKETS, cum_weights=self._market_weights)[0]
        title, named = self._title(kind, number, market, countries[0])
        summary = self.text(4, 160, typical=22)
        if named:
            summary = f"{named}, a {rng.choice(ROLES)} on {market}, {summary[:1].lower()}{summary[1:]}"
        year = (date or "2015")[:4]
        sources = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            source_number = min(int(rng.paretovariate(1.1)) - 1, self._source_pool - 1)
            source_number = (source_number * 7919 + number // 1000) % self._source_pool
            publisher, domain = PUBLISHERS[source_number % len(PUBLISHERS)]
            sources.append({
                "title": self._source_title(source_number), "publisher": publisher,
                "url": f"https://{domain}/news/{source_number}", "published": year,
            })
        sources = list({s["url"]: s for s in sources}.values())
        figures = []
        if rng.random() < 0.7:
            if len(countries) > 1 and rng.random() < 0.5:
                figures += [{"label": "arrests", "value": rng.randint(1, 60), "unit": "people", "country": code,
                             "source": 0} for code in countries]
            else:
                figures.append({"label": "arrests", "value": int(rng.paretovariate(1.2)), "unit": "people",
                                "country": None, "source": 0})
        for label, unit in FIGURE_LABELS[1:]:
            if rng.random() < 0.15:
                value = round(rng.paretovariate(1.1) * 1000, 2) if label == "seized_usd" else rng.randint(1, 400)
                figures.append({"label": label, "value": value, "unit": unit, "country": None,
                                "source": rng.randrange(len(sources))})
        related = []
        if number > 10 and rng.random() < 0.15:
            for other in {max(0, number - rng.randint(1, 500)) for _ in range(rng.choice((1, 1, 2)))}:
                related.append({"id": record_id(other), "relation": rng.choice(("follows", "part_of", "related"))})
        tags = list(dict.fromkeys(rng.choices(TAGS, cum_weights=self._tag_weights, k=rng.choice((0, 1, 1, 2, 3)))))
        return {
            "id": record_id(number), "title": title, "kind": kind, "date": date, "end_date": end_date,
            "summary": summary, "agencies": agencies, "countries": countries, "figures": figures,
            "sources": sources, "related": related, "tags": tags,
        }

    def _source_title(self, number: int) -> str:
        words = self.vocabulary.corpus.words
        picked = [words[(number * 104729 + k * 7907) % min(len(words), 800)] for k in range(4 + number % 5)]
        text = " ".join(picked)
        return text[:1].upper() + text[1:]

    def notes_for(self, number: int) -> list[dict]:
        """The notes of record ``number``: 1–5 for one record in ten, none for the rest."""
        rng = self.rng
        if rng.random() >= 0.1:
            return []
        notes = []
        for _ in range(rng.randint(1, 5)):
            body = self.text(3, 200, typical=28)
            if rng.random() < 0.3:
                body += f" {rng.choice(NOTE_ONLY_WORDS).capitalize()}: {self.text(3, 12)}"
            created = NOTE_CREATED_START + dt.timedelta(seconds=self._note_number * 37 + rng.randint(0, 30))
            self._note_number += 1
            stamp = created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self._note_number % 1000:03d}Z"
            notes.append({"record_id": record_id(number), "body": body, "created": stamp, "updated": stamp})
        return notes

    def records_and_notes(self) -> Iterator[tuple[dict, list[dict]]]:
        for number in range(self.count):
            yield self.record(number), self.notes_for(number)


def record_id(number: int) -> str:
    return f"bench-{number:07d}"
