"""The X sandbox module's ``inject`` (what residents do) and its time-driven parts, on a manual clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.sandbox.state import SandboxState
from connectors.sandbox.x import XSandbox, compile_query, snowflake_time, weighted_length
from desk.clock import ManualClock


@pytest.fixture
def world() -> tuple[ManualClock, XSandbox]:
    clock = ManualClock(datetime(2026, 3, 1, 20, 0, tzinfo=UTC))
    return clock, XSandbox(SandboxState(clock))


def test_mentions_replies_and_dms(world: tuple[ManualClock, XSandbox]) -> None:
    clock, x = world
    force = x.create_account("HelsinkiPolice", "Helsinki Police")
    resident = x.create_account("matti", "Matti", is_force=False)
    with pytest.raises(ValueError, match="not posted yet"):
        x.inject(force, "reply", resident, "kiitos")
    mention = x.tweets[int(x.inject(force, "mention", resident, "onko silta auki?", lang="fi"))]
    assert mention.text == "@HelsinkiPolice onko silta auki?"
    assert mention.lang == "fi"
    assert x.user_mentions[force.account_id] == [mention.id]
    post = x._add_tweet(x.users[force.account_id], "Silta on auki.")
    clock.advance(60)
    reply = x.tweets[int(x.inject(force, "reply", resident, "kiitos!"))]
    assert reply.referenced == [("replied_to", post.id)]
    assert reply.conversation_id == post.id and reply.in_reply_to_user_id == force.account_id
    assert x.reply_counts[post.id] == 1
    dm = x.dm_store[int(x.inject(force, "dm", resident, "yksityinen vihje"))]
    low, high = sorted([force.account_id, resident.account_id], key=int)
    assert dm.conversation_id == f"{low}-{high}"
    with pytest.raises(ValueError):
        x.inject(force, "comment", resident, "X has no comments")
    # Ids are snowflakes minted from the sandbox clock.
    assert snowflake_time(reply.id) == clock.now().replace(microsecond=clock.now().microsecond // 1000 * 1000)


def test_edits_follow_x_rules_and_deletes_only_own(world: tuple[ManualClock, XSandbox]) -> None:
    clock, x = world
    force = x.create_account("police", "Police")
    resident = x.create_account("sofia", "Sofia", is_force=False)
    other = x.create_account("elsa", "Elsa", is_force=False)
    original = x.inject(force, "mention", resident, "lost wallet")
    edited = x.inject(force, "mention", resident, "lost wallet on King St", edit_of=original)
    assert x.tweets[int(edited)].edit_history == [int(original), int(edited)]
    assert x.tweets[int(original)].edit_history == [int(original), int(edited)]
    with pytest.raises(ValueError):
        x.inject(force, "mention", other, "not mine", edit_of=original)
    with pytest.raises(ValueError):
        x.inject(force, "dm", resident, "dm edit", edit_of=original)
    clock.advance(3600 + 1)
    with pytest.raises(ValueError, match="no longer"):
        x.inject(force, "mention", resident, "too late", edit_of=edited)
    with pytest.raises(ValueError):
        x.inject(force, "mention", other, "", delete_id=edited)
    assert x.inject(force, "mention", resident, "", delete_id=edited) == edited
    assert x.tweets[int(edited)].deleted


def test_metrics_grow_with_the_clock(world: tuple[ManualClock, XSandbox]) -> None:
    clock, x = world
    force = x.create_account("police", "Police")
    resident = x.create_account("kalle", "Kalle", is_force=False)
    own = x._add_tweet(x.users[force.account_id], "Road safety week starts today")
    theirs = x._add_tweet(x.users[resident.account_id], "nice")
    start = x._metrics(own, clock.now())[0]
    assert start["like_count"] == 0
    readings = []
    for _ in range(4):
        clock.advance(3600)
        readings.append(x._metrics(own, clock.now())[0]["like_count"])
    assert readings == sorted(readings) and readings[-1] > 0
    assert x._metrics(own, clock.now()) == x._metrics(own, clock.now())  # deterministic
    assert x._metrics(theirs, clock.now())[0]["like_count"] < readings[-1]  # the force draws more


def test_search_query_language(world: tuple[ManualClock, XSandbox]) -> None:
    _, x = world
    force = x.create_account("police", "Police")
    a = x.users[x.create_account("aino", "Aino", is_force=False).account_id]
    b = x.users[x.create_account("jonte", "Jonte", is_force=False).account_id]
    t1 = x._add_tweet(a, "Traffic jam on Mill Lane #roadsafety", lang="en")
    t2 = x._add_tweet(b, "Trafikstockning vid Storgatan #roadsafety", lang="sv")
    t3 = x._add_tweet(a, '"Mill Lane" is closed, says @police', reply_to=t1)
    del force

    def hits(query: str) -> list[int]:
        match = compile_query(query, x)
        return [t.id for t in (t1, t2, t3) if match(t)]

    assert hits("#roadsafety") == [t1.id, t2.id]
    assert hits("#roadsafety lang:sv") == [t2.id]
    assert hits("from:aino -is:reply") == [t1.id]
    assert hits('"mill lane" is:reply') == [t3.id]
    assert hits("@police OR trafikstockning") == [t2.id, t3.id]
    assert hits("to:aino") == [t3.id]


def test_weighted_length_is_twitter_text_v3() -> None:
    assert weighted_length("a" * 280) == 280
    assert weighted_length("警察") == 4
    assert weighted_length("https://example.org/" + "x" * 200) == 23
    assert weighted_length("e\u0301") == 1  # NFC first: é is one character


def test_reply_settings_limit_who_can_reply(world: tuple[ManualClock, XSandbox]) -> None:
    _, x = world
    force = x.create_account("police", "Police")
    named = x.create_account("veera", "Veera", is_force=False)
    other = x.create_account("oskari", "Oskari", is_force=False)
    post = x._add_tweet(x.users[force.account_id], "Thanks @veera for the tip", reply_settings="mentionedUsers")
    assert x.inject(force, "reply", named, "you're welcome", reply_to=str(post.id))
    with pytest.raises(ValueError, match="limited"):
        x.inject(force, "reply", other, "me too", reply_to=str(post.id))
