"""The timeline pane: records on a zoomable time axis, in lanes (see :class:`TimelineView`)."""

from casenotes.ui.timeline.view import TimelineView

__all__ = ["TimelineView"]
