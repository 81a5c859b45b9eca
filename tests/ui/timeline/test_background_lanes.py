"""With many records, switching lane mode groups the records in a worker thread and then switches."""

from casenotes.ui.timeline import view as view_module


def test_a_big_timeline_switches_lanes_once_they_are_built_elsewhere(qtbot, gwern_timeline, monkeypatch):
    monkeypatch.setattr(view_module, "BACKGROUND_LANES_FROM", 1)
    kind_titles = gwern_timeline.lane_titles()
    with qtbot.waitSignal(gwern_timeline.laneModeChanged, timeout=5000) as switched:
        gwern_timeline.set_lane_mode("country")
        assert gwern_timeline.lane_mode() == "kind" and gwern_timeline.lane_titles() == kind_titles
    assert switched.args == ["country"] and gwern_timeline.lane_mode() == "country"
    assert gwern_timeline.lane_titles() != kind_titles


def test_only_the_last_of_quick_switches_is_applied(qtbot, gwern_timeline, monkeypatch):
    monkeypatch.setattr(view_module, "BACKGROUND_LANES_FROM", 1)
    modes: list[str] = []
    gwern_timeline.laneModeChanged.connect(modes.append)
    gwern_timeline.set_lane_mode("country")
    gwern_timeline.set_lane_mode("agency")
    qtbot.waitUntil(lambda: gwern_timeline.lane_mode() == "agency", timeout=5000)
    qtbot.wait(100)
    assert modes == ["agency"]
