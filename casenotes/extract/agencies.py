"""Law-enforcement agencies named in article text, as the short names the seed data uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

# canonical name -> (case-sensitive spellings, case-insensitive spellings). Canonical names
# follow resources/seed/casenotes-seed.json so extracted records line up with seeded ones.
# ICE is filed under HSI and EC3 under Europol: in these cases the work is theirs.
AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "FBI": (("FBI",), ("Federal Bureau of Investigation",)),
    "DEA": (("DEA",), ("Drug Enforcement Administration",)),
    "HSI": (("HSI", "ICE"), ("Homeland Security Investigations", "Immigration and Customs Enforcement")),
    "USPIS": (("USPIS",), ("Postal Inspection Service", "postal inspectors")),
    "IRS-CI": (("IRS-CI", "IRS"), ("IRS Criminal Investigation", "Internal Revenue Service")),
    "USSS": (("USSS",), ("Secret Service",)),
    "ATF": (("ATF",), ("Bureau of Alcohol, Tobacco, Firearms and Explosives",)),
    "DoD": (("DoD", "DCIS"), ("Department of Defense", "Defense Criminal Investigative Service")),
    "CBP": (("CBP",), ("Customs and Border Protection",)),
    "JCODE": (("JCODE", "J-CODE"), ("Joint Criminal Opioid and Darknet Enforcement",)),
    "US DOJ": (("DOJ", "DoJ"), ("Justice Department", "Department of Justice", "U.S. Attorney's Office",
                                "US Attorney's Office")),
    "Europol": (("Europol", "EC3"), ("European Cybercrime Centre", "European Cybercrime Center")),
    "Eurojust": (("Eurojust",), ()),
    "Interpol": (("Interpol", "INTERPOL"), ()),
    "BKA": (("BKA", "Bundeskriminalamt"), ("Federal Criminal Police Office",)),
    "Frankfurt prosecutors (ZIT)": (("ZIT",), ("Frankfurt prosecutors", "Frankfurt public prosecutor",
                                               "Central Office for Combating Internet Crime")),
    "NCA": (("NCA",), ("National Crime Agency",)),
    "ERSOU": (("ERSOU",), ("Eastern Region Special Operations Unit",)),
    "CPS": (("CPS",), ("Crown Prosecution Service",)),
    "RCMP": (("RCMP", "GRC"), ("Royal Canadian Mounted Police", "Mounties")),
    "CBSA": (("CBSA",), ("Canada Border Services Agency",)),
    "Canada Post": (("Canada Post",), ()),
    "AFP": (("AFP",), ("Australian Federal Police",)),
    "Dutch National Police": (("Politie",), ("Dutch National Police", "Dutch police", "Netherlands Police",
                                            "National Police of the Netherlands")),
    "New Zealand Police": ((), ("New Zealand Police",)),
    "Swedish Police": ((), ("Swedish Police Authority", "Swedish police")),
}

# "AFP" is also the news agency Agence France-Presse, which often carries these stories.
_AFP_NEWS = re.compile(r"\b(told|via|to|according to|reported|reports|said|quoted by|cited by)\s+(the\s+)?AFP\b"
                       r"|\bAFP\s+(reported|news agency|reports)|Agence France", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyMention:
    name: str  # canonical
    start: int
    end: int
    text: str
    doubtful: str | None = None  # why the mention may not be this agency


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for name, (exact, loose) in AGENCIES.items():
        alternatives = []
        if exact:
            alternatives.append("(?-i:" + "|".join(re.escape(s) for s in sorted(exact, key=len, reverse=True)) + ")")
        if loose:
            alternatives.append("|".join(re.escape(s) for s in sorted(loose, key=len, reverse=True)))
        compiled.append((name, re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)))
    return compiled


_PATTERNS = _compile()


def find_agencies(text: str) -> list[AgencyMention]:
    """Agency mentions in ``text`` in order; where spellings overlap, the longest wins."""
    found: list[AgencyMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            doubt = None
            if name == "AFP" and match.group(0) == "AFP" and not _afp_is_police(text):
                doubt = "AFP may be the news agency Agence France-Presse rather than the Australian Federal Police"
            found.append(AgencyMention(name, match.start(), match.end(), match.group(0), doubt))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[AgencyMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue  # inside a longer name already taken ("Canada Post" vs nothing, "IRS" in "IRS-CI")
        kept.append(mention)
    return kept


def _afp_is_police(text: str) -> bool:
    if re.search(r"Australian Federal Police", text, re.IGNORECASE):
        return True
    if _AFP_NEWS.search(text):
        return False
    return bool(re.search(r"\bAustralia", text))
