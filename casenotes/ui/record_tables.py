"""The figures and sources tables of the record form, and how their rows become store objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject

from casenotes.store.models import Figure, Source
from casenotes.ui.record_form import (
    check_country, check_date_text, check_number, check_url, country_label, format_number, parse_number,
    resolve_country,
)
from casenotes.ui.row_table import Column, RowTableModel

NO_SOURCE = "—"
MAX_SOURCE_LABEL = 60


def _optional(text: str) -> str | None:
    return text.strip() or None


def source_choice_label(position: int, title: str) -> str:
    """'2. Europol press release' — how a figure names the source it cites."""
    title = title.strip()
    if len(title) > MAX_SOURCE_LABEL:
        title = title[:MAX_SOURCE_LABEL - 1] + "…"
    return f"{position + 1}. {title}"


class SourceTableModel(RowTableModel):
    """Sources of a record: title, publisher, address, publication date and locator."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([
            Column("title", "Title", 260, "The source's headline or title", required=True),
            Column("publisher", "Publisher", 130, "Who published it (Europol, DOJ, a newspaper…)"),
            Column("url", "Address", 220, "Its web address (http:// or https://)", check=check_url),
            Column("published", "Published", 90, "Publication date: 2014, 2014-11 or 2014-11-06",
                   check=check_date_text),
            Column("locator", "Where in it", 90, "Page or paragraph the figures come from"),
        ], parent)

    def set_sources(self, sources: Sequence[Source]) -> None:
        self.set_rows([
            {"title": s.title, "publisher": s.publisher or "", "url": s.url or "", "published": s.published or "",
             "locator": s.locator or ""}
            for s in sources
        ])

    def choices(self) -> list[tuple[Any, str]]:
        """What a figure can cite: nothing, or one of the sources with a title, by row."""
        return [(None, NO_SOURCE)] + [
            (row, source_choice_label(number, values["title"]))
            for number, (row, values) in enumerate(self.kept_rows())
        ]

    def kept_rows(self) -> list[tuple[int, dict[str, Any]]]:
        """(row, values) of the rows that will be saved, in order."""
        return [(row, values) for row, values in enumerate(self.rows()) if not self.is_blank(row)]

    def sources(self) -> tuple[list[Source], dict[int, int]]:
        """The sources to save, and where each table row ends up among them."""
        sources, positions = [], {}
        for row, values in self.kept_rows():
            positions[row] = len(sources)
            sources.append(Source(
                title=values["title"].strip(), publisher=_optional(values["publisher"]), url=_optional(values["url"]),
                published=_optional(values["published"]), locator=_optional(values["locator"]),
            ))
        return sources, positions


class FigureTableModel(RowTableModel):
    """Figures of a record: label, value, unit, country, cited source and a note."""

    def __init__(
        self,
        sources: SourceTableModel,
        labels: Callable[[], Sequence[str]],
        units: Callable[[], Sequence[str]],
        countries: Callable[[], Sequence[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__([
            Column("label", "Label", 150, "What is counted: arrests, seized_usd, drugs_kg, firearms…",
                   required=True, suggestions=labels),
            Column("value", "Value", 90, "A number: 121, 6500000 or 2.5", required=True, check=check_number),
            Column("unit", "Unit", 70, "people, USD, EUR, kg…", suggestions=units),
            Column("country", "Country", 120, "Only if the figure is for one country (name or code)",
                   check=check_country, suggestions=countries),
            Column("source", "Source", 190, "Which of the record's sources states it", choices=sources.choices,
                   default=None),
            Column("note", "Note", 120, "e.g. 'as printed in the article'"),
        ], parent)
        self._sources = sources
        sources.edited.connect(lambda: self.refresh_column("source"))
        sources.rowsAboutToBeRemoved.connect(self._source_row_removed)

    def _source_row_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        removed = range(first, last + 1)

        def moved(row: int | None) -> int | None:
            if row is None or row in removed:
                return None
            return row - len(removed) if row > last else row

        self.update_column("source", moved)
        self.edited.emit()

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self.set_rows([
            {"label": f.label, "value": format_number(f.value), "unit": f.unit or "",
             "country": country_label(f.country) if f.country else "", "source": f.source, "note": f.note or ""}
            for f in figures
        ])

    def figures(self, source_positions: dict[int, int]) -> list[Figure]:
        """The figures to save (call only when :meth:`problems` is empty)."""
        figures = []
        for row, values in enumerate(self.rows()):
            if self.is_blank(row):
                continue
            country = values["country"].strip()
            figures.append(Figure(
                label=values["label"].strip(), value=parse_number(values["value"]), unit=_optional(values["unit"]),
                country=resolve_country(country) if country else None,
                source=source_positions.get(values["source"]) if values["source"] is not None else None,
                note=_optional(values["note"]),
            ))
        return figures
