"""Words for marks: accessible descriptions, tooltips and counts. No Qt in here."""

from __future__ import annotations

import html

from casenotes.store.countries import country_name
from casenotes.store.timeline import TimelineData


def arrests_text(arrests: int | None) -> str:
    if arrests is None:
        return ""
    return f"{arrests:,} arrest" + ("" if arrests == 1 else "s")


def describe_record(data: TimelineData, index: int) -> str:
    """'Operation DisrupTor, 22 September 2020, operation, 179 arrests' (what a screen reader says)."""
    parts = [data.titles[index], data.date_text(index), data.kinds[index]]
    arrests = arrests_text(data.arrests[index])
    if arrests:
        parts.append(arrests)
    return ", ".join(parts)


def record_tooltip(data: TimelineData, index: int) -> str:
    """Rich-text tooltip: title, date at its precision, kind, arrests, countries and agencies."""
    lines = [f"<b>{html.escape(data.titles[index])}</b>", html.escape(data.date_text(index))]
    facts = [data.kinds[index].capitalize()]
    arrests = arrests_text(data.arrests[index])
    if arrests:
        facts.append(arrests)
    lines.append(html.escape(" · ".join(facts)))
    countries = data.countries[index]
    if countries:
        names = ", ".join(country_name(code) for code in countries[:6]) + (" …" if len(countries) > 6 else "")
        lines.append(html.escape(names))
    agencies = data.agencies[index]
    if agencies:
        lines.append(html.escape(", ".join(agencies[:6]) + (" …" if len(agencies) > 6 else "")))
    return "<br>".join(lines)


def count_text(count: int) -> str:
    """Short count for narrow places: 7, 950, 1.2k, 34k, 1.2M."""
    if count < 1000:
        return str(count)
    if count < 10_000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M".replace(".0M", "M")


def records_text(count: int) -> str:
    return f"{count:,} record" + ("" if count == 1 else "s")
