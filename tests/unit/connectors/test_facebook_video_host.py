"""Video uploads go to Facebook's video host against the real service, and to the same base elsewhere."""

from __future__ import annotations

from connectors.graph_common import GraphSession
from connectors.transport import HostRewriteAdapter, HttpSettings
from desk.clock import ManualClock
from desk.ports import AccountRef, Platform


def session_for(base_url: str) -> GraphSession:
    account = AccountRef(Platform.FACEBOOK, "harbour", base_url, "facebook:harbour")
    return GraphSession(
        account, {"access_token": "t"}, clock=ManualClock(), http=HttpSettings(), platform=Platform.FACEBOOK
    )


def test_real_service_videos_go_to_graph_video() -> None:
    graph = session_for("https://graph.facebook.com")
    adapter = graph.video_graph.session.get_adapter("https://graph.facebook.com/v21.0/1/videos")
    assert isinstance(adapter, HostRewriteAdapter) and adapter.target_netloc == "graph-video.facebook.com"
    plain = graph.graph.session.get_adapter("https://graph.facebook.com/v21.0/1/feed")
    assert not isinstance(plain, HostRewriteAdapter)  # everything else stays on graph.facebook.com


def test_a_sandbox_or_proxy_base_takes_videos_too() -> None:
    graph = session_for("http://127.0.0.1:8123")
    adapter = graph.video_graph.session.get_adapter("https://graph.facebook.com/v21.0/1/videos")
    assert isinstance(adapter, HostRewriteAdapter) and adapter.target_netloc == "127.0.0.1:8123"
