"""Recognising who published an article from the addresses and names on the page."""

from __future__ import annotations

import re

# Web domains of publishers that report on these cases, with the name the seed data uses.
PUBLISHER_DOMAINS = {
    "rt.com": "RT",
    "itworldcanada.com": "IT World Canada",
    "europol.europa.eu": "Europol",
    "eurojust.europa.eu": "Eurojust",
    "justice.gov": "US Department of Justice",
    "fbi.gov": "FBI",
    "ice.gov": "U.S. Immigration and Customs Enforcement",
    "nationalcrimeagency.gov.uk": "National Crime Agency",
    "rcmp-grc.gc.ca": "RCMP",
    "bka.de": "BKA",
    "dw.com": "Deutsche Welle",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "theguardian.com": "The Guardian",
    "theregister.com": "The Register",
    "theregister.co.uk": "The Register",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "dawn.com": "Dawn",
    "wired.com": "Wired",
    "vice.com": "Vice",
    "arstechnica.com": "Ars Technica",
    "zdnet.com": "ZDNet",
    "bleepingcomputer.com": "BleepingComputer",
    "krebsonsecurity.com": "Krebs on Security",
    "cbc.ca": "CBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
}

_URL = re.compile(r"https?://([A-Za-z0-9.-]+)", re.IGNORECASE)


def publisher_from_domain(host: str) -> str | None:
    """The publisher whose domain ``host`` is or belongs to (``cdni.rt.com`` -> RT)."""
    host = host.lower().rstrip(".")
    for domain, name in PUBLISHER_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


# Agencies publish too, but their names in an article's text say who acted, not who wrote it.
_AGENCY_PUBLISHERS = frozenset({
    "Europol", "Eurojust", "US Department of Justice", "FBI", "U.S. Immigration and Customs Enforcement",
    "National Crime Agency", "RCMP", "BKA",
})


def recognise_publisher(body: str, trailer: str = "") -> tuple[str, str] | None:
    """(publisher, the text that named it), or None.

    Any web address in the article or the page furniture after it counts; a publisher's
    name counts only in that furniture ("… Chief Content Officer, IT World Canada"), since
    in the body it is usually a quoted source.
    """
    for text in (body, trailer):
        for match in _URL.finditer(text):
            name = publisher_from_domain(match.group(1))
            if name:
                return name, match.group(0)
    media = sorted(set(PUBLISHER_DOMAINS.values()) - _AGENCY_PUBLISHERS, key=len, reverse=True)
    for name in media:
        if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", trailer):
            return name, name
    return None
