"""The checks every end-to-end test applies to what the bot sent must be able to fail."""

from __future__ import annotations

import pytest

from tests.fake_discord.checks import SPEC_MISSING, body_errors, spec_available
from tests.fake_discord.server import Call

NONE = {"parse": []}


def call(method: str, path: str, body: dict) -> Call:
    return Call(method, path, {}, body, 200, 0.0)


def test_limits_the_spec_leaves_out_are_checked_by_hand() -> None:
    fields = [{"name": "n", "value": "v" * 1000}] * 6
    embeds = [{"description": "d" * 4000}, {"fields": fields}]
    too_big = call("POST", "/channels/1/messages", {"embeds": embeds, "allowed_mentions": NONE})
    pinging = call("POST", "/webhooks/1/t", {"content": "hi", "allowed_mentions": {"parse": ["everyone"]}})
    silent = call("PATCH", "/webhooks/1/t/messages/@original", {"content": "hi"})
    errors = body_errors([too_big, pinging, silent])
    assert any("embeds total 10006 characters > 6000" in e for e in errors)
    assert any("allowed_mentions is {'parse': ['everyone']}" in e for e in errors)
    assert any("allowed_mentions is None" in e for e in errors)


@pytest.mark.skipif(not spec_available(), reason=SPEC_MISSING)
def test_bodies_that_break_discords_schema_are_caught() -> None:
    cases = {
        "POST /channels/1/messages": call("POST", "/channels/1/messages", {
            "embeds": [{"title": "t" * 300}], "allowed_mentions": NONE}),
        "POST /interactions/1/t/callback": call("POST", "/interactions/1/t/callback", {
            "type": 4, "data": {"embeds": [{"color": -1}], "allowed_mentions": NONE}}),
        "POST /webhooks/1/t": call("POST", "/webhooks/1/t", {"embeds": [{}] * 11, "allowed_mentions": NONE}),
        "PATCH /webhooks/1/t/messages/@original": call("PATCH", "/webhooks/1/t/messages/@original", {
            "embeds": [{"fields": [{"name": "no value"}]}], "allowed_mentions": NONE}),
        "POST /channels/2/messages": call("POST", "/channels/2/messages", {
            "content": "x", "message_reference": {"message_id": "12a"}, "allowed_mentions": NONE}),
    }
    for where, bad in cases.items():
        assert any(e.startswith(where) for e in body_errors([bad])), where


@pytest.mark.skipif(not spec_available(), reason=SPEC_MISSING)
def test_a_well_formed_reply_passes() -> None:
    good = call("POST", "/interactions/1/t/callback", {
        "type": 4, "data": {"embeds": [{"description": "> “quote” [1]", "color": 1,
                                        "fields": [{"name": "Sources", "value": "[1] T", "inline": False}]}],
                            "allowed_mentions": NONE, "flags": 64}})
    assert body_errors([good]) == []


@pytest.mark.skipif(not spec_available(), reason=SPEC_MISSING)
def test_integer_snowflakes_pass_as_discord_takes_them() -> None:
    reply = call("POST", "/channels/2/messages", {
        "content": "x", "message_reference": {"message_id": 123, "fail_if_not_exists": False},
        "allowed_mentions": NONE})
    assert body_errors([reply]) == []
