"""The timeline pane: records on a zoomable time axis, in lanes (see :class:`TimelineView`)."""

from casenotes.ui.timeline.prepared import (
    PreparedTimeline, load_prepared_timeline, matching_mask, prepare_timeline, restricted_lanes,
    timeline_matches_steps,
)
from casenotes.ui.timeline.view import TimelineView

__all__ = [
    "PreparedTimeline", "TimelineView", "load_prepared_timeline", "matching_mask", "prepare_timeline",
    "restricted_lanes", "timeline_matches_steps",
]
