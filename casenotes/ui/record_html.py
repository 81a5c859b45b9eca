"""A record as HTML for the detail pane; every piece of record text is escaped."""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl

from casenotes.store.countries import country_name
from casenotes.store.dates import display_date, display_range
from casenotes.store.models import ANCHOR_FIELD, ANCHOR_FIGURE, Anchor, Figure, Record, Source
from casenotes.store.note_links import Backlink
from casenotes.ui.anchor_html import AnchorMark, annotation_html
from casenotes.ui.safe_text import tooltip_attribute

RELATION_PHRASES = {"follows": "Follows", "part_of": "Part of", "related": "Related to"}
INCOMING_PHRASES = {"follows": "Followed by", "part_of": "Includes", "related": "Related to"}
FIGURE_LABELS = {
    "arrests": "Arrests", "seized_usd": "Seized (US$)", "seized_eur": "Seized (€)", "drugs_kg": "Drugs (kg)",
    "firearms": "Firearms", "premises_searched": "Premises searched",
}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


@dataclass
class RecordContext:
    """What the detail pane shows next to the record itself."""

    related_titles: dict[str, str]
    incoming: list[tuple[str, str, str]]  # (record id, title, relation)
    backlinks: list[Backlink] = field(default_factory=list)  # notes elsewhere that link here
    anchor_marks: dict[Anchor, AnchorMark] = field(default_factory=dict)  # notes on one figure or field


def record_link(record_id: str) -> str:
    return "casenotes:record/" + quote(record_id, safe="")


def record_id_from_link(url: QUrl) -> str | None:
    """The record id of a ``casenotes:record/ID`` link."""
    path = url.path()
    if url.scheme() == "casenotes" and path.startswith("record/"):
        return unquote(path[len("record/"):]) or None
    return None


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def figure_label(label: str) -> str:
    return FIGURE_LABELS.get(label, label.replace("_", " ").capitalize())


def format_number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def format_value(figure: Figure) -> str:
    """'$6,500,000', '121', '160 people' — known labels already say their unit."""
    number = format_number(figure.value)
    sign = CURRENCY_SIGNS.get((figure.unit or "").upper())
    if sign:
        return f"{sign}{number}"
    if figure.unit and figure.label not in FIGURE_LABELS:
        return f"{number} {figure.unit}"
    return number


def _source_ref(figure: Figure, sources: list[Source]) -> str:
    if figure.source is None or not 0 <= figure.source < len(sources):
        return ""
    source = sources[figure.source]
    return f'<a href="#source-{figure.source + 1}" title="{tooltip_attribute(source.title)}">[{figure.source + 1}]</a>'


def _figure_groups(figures: list[Figure]) -> "OrderedDict[tuple[str, str | None], list[Figure]]":
    """Figures grouped by what they measure: totals first, then per country."""
    groups: OrderedDict[tuple[str, str | None], list[Figure]] = OrderedDict()
    for figure in sorted(figures, key=lambda f: f.country is not None):
        groups.setdefault((figure.label, figure.country), []).append(figure)
    return groups


def _annotation(context: RecordContext | None, anchor: Anchor) -> str:
    return annotation_html(anchor, context.anchor_marks.get(anchor) if context else None)


def _field_annotation(context: RecordContext | None, name: str) -> str:
    return _annotation(context, Anchor(ANCHOR_FIELD, name))


def figures_html(record: Record, context: RecordContext | None = None) -> str:
    if not record.figures:
        return ""
    rows = []
    for (label, country), figures in _figure_groups(record.figures).items():
        by_value: OrderedDict[str, list[Figure]] = OrderedDict()
        for figure in figures:
            by_value.setdefault(format_value(figure), []).append(figure)
        disagree = len(by_value) > 1
        cells = " &nbsp;·&nbsp; ".join(
            f"{_e(value)} " + "".join(_source_ref(f, record.sources) for f in same)
            for value, same in by_value.items()
        )
        flag = ' <span class="disagree" title="The sources give different numbers">⚠ sources disagree</span>' if disagree else ""
        notes = "".join(f'<div class="figure-note">{_e(f.note)}</div>' for f in figures if f.note)
        where = f"{_e(country_name(country))} ({_e(country)})" if country else "Total"
        annotation = _annotation(context, Anchor(ANCHOR_FIGURE, label, country))
        rows.append(
            f"<tr><td>{_e(figure_label(label))}</td><td>{where}</td><td>{cells}{flag} {annotation}{notes}</td></tr>"
        )
    return (
        "<h3>Figures</h3><table class='figures' cellspacing='0' cellpadding='4'>"
        "<tr><th align='left'>Figure</th><th align='left'>Where</th><th align='left'>Value and source</th></tr>"
        + "".join(rows) + "</table>"
    )


def sources_html(sources: list[Source]) -> str:
    if not sources:
        return ""
    items = []
    for number, source in enumerate(sources, start=1):
        title = _e(source.title)
        if source.url and source.url.lower().startswith(("http://", "https://")):
            title = f'<a href="{_e(source.url)}">{title}</a>'
        details = ", ".join(_e(part) for part in (source.publisher, display_date(source.published)) if part)
        locator = f" ({_e(source.locator)})" if source.locator else ""
        items.append(f'<li><a name="source-{number}"></a>{title}{" — " + details if details else ""}{locator}</li>')
    return "<h3>Sources</h3><ol>" + "".join(items) + "</ol>"


def relations_html(record: Record, context: RecordContext) -> str:
    items = []
    for relation in record.related:
        phrase = RELATION_PHRASES.get(relation.relation, relation.relation)
        title = context.related_titles.get(relation.id)
        if title:
            items.append(f'<li>{phrase} <a href="{record_link(relation.id)}">{_e(title)}</a></li>')
        else:
            items.append(f"<li>{phrase} {_e(relation.id)} <i>(not in this store)</i></li>")
    for other_id, title, relation in context.incoming:
        phrase = INCOMING_PHRASES.get(relation, relation)
        items.append(f'<li>{phrase} <a href="{record_link(other_id)}">{_e(title)}</a></li>')
    return "<h3>Related records</h3><ul>" + "".join(items) + "</ul>" if items else ""


def backlinks_html(backlinks: list[Backlink]) -> str:
    if not backlinks:
        return ""
    seen: dict[str, str] = {}
    for link in backlinks:
        seen.setdefault(link.record_id, link.record_title)
    items = ", ".join(f'<a href="{record_link(rid)}">{_e(title)}</a>' for rid, title in seen.items())
    return f"<p class='backlinks'>Mentioned in notes of {items}</p>"


def record_html(record: Record, context: RecordContext) -> str:
    """The whole detail view of a record."""
    when = display_range(record.date, record.end_date) or "Undated"
    meta = [f'<span class="kind">{_e(record.kind)}</span>', _e(when) + " " + _field_annotation(context, "date")]
    parts = [f"<h2>{_e(record.title)}</h2>", f"<p class='meta'>{' · '.join(meta)}</p>"]
    if record.summary:
        parts.append(f"<p>{_e(record.summary)} {_field_annotation(context, 'summary')}</p>")
    parts.append(figures_html(record, context))
    if record.agencies:
        parts.append("<h3>Agencies</h3><p>" + ", ".join(_e(a) for a in record.agencies)
                     + " " + _field_annotation(context, "agencies") + "</p>")
    if record.countries:
        parts.append(
            "<h3>Countries</h3><p>" + ", ".join(f"{_e(country_name(c))} ({_e(c)})" for c in record.countries)
            + " " + _field_annotation(context, "countries") + "</p>"
        )
    parts.append(relations_html(record, context))
    parts.append(backlinks_html(context.backlinks))
    parts.append(sources_html(record.sources))
    if record.tags:
        parts.append("<p class='tags'>Tags: " + ", ".join(_e(t) for t in record.tags) + "</p>")
    return "".join(parts)


def style_sheet(text_colour: str, muted_colour: str, warning_colour: str) -> str:
    """CSS for the detail view in the window's palette colours (rich text has no palette())."""
    return f"""
h2 {{ margin-bottom: 2px; }}
h3 {{ margin-top: 14px; margin-bottom: 4px; }}
.meta {{ color: {muted_colour}; }}
.kind {{ font-weight: 600; color: {text_colour}; }}
table.figures th {{ border-bottom: 1px solid {muted_colour}; }}
.disagree {{ color: {warning_colour}; font-weight: 600; }}
.figure-note {{ color: {muted_colour}; font-style: italic; }}
.tags {{ color: {muted_colour}; }}
.annotation {{ font-size: small; white-space: nowrap; }}
a.annotate {{ color: {muted_colour}; text-decoration: none; }}
a.annotated {{ font-weight: 600; text-decoration: none; }}
a.review {{ color: {warning_colour}; font-weight: 600; text-decoration: none; }}
.backlinks {{ color: {muted_colour}; }}
"""
