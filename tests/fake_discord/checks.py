"""Checks on every body the bot sent: Discord's OpenAPI schema per route, and the limits it leaves out.

The spec is Discord's own (`../shared/discord/openapi.json` beside the project); it is read in
place, never copied. Its `$ref`s are resolved through a `referencing` registry over the whole
document, so every component is checked as Discord defines it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bot.replies.discord import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_LIMIT,
    embed_length,
)
from bot.settings import PROJECT_ROOT
from tests.fake_discord.server import Call

SPEC_PATH = PROJECT_ROOT.parent / "shared" / "discord" / "openapi.json"
SPEC_URI = "urn:discord:openapi"
SPEC_MISSING = f"Discord's OpenAPI spec is not at {SPEC_PATH}: request bodies were not checked against it"

# Which component of the spec a request body must match, by route (and callback type).
_ROUTES: list[tuple[str, str, str]] = [
    ("POST", r"/channels/\d+/messages", "MessageCreateRequest"),
    ("POST", r"/webhooks/\d+/[^/]+", "IncomingWebhookRequestPartial"),
    ("PATCH", r"/webhooks/\d+/[^/]+/messages/(@original|\d+)", "IncomingWebhookUpdateRequestPartial"),
    ("PATCH", r"/channels/\d+/messages/\d+", "MessageEditRequestPartial"),
]
_CALLBACKS = {4: "CreateMessageInteractionCallbackRequest", 5: "CreateMessageInteractionCallbackRequest",
              6: "UpdateMessageInteractionCallbackRequest", 7: "UpdateMessageInteractionCallbackRequest",
              8: "ApplicationCommandAutocompleteCallbackRequest"}
_COMMANDS = re.compile(r"/applications/\d+(/guilds/\d+)?/commands")


def spec_available() -> bool:
    return SPEC_PATH.is_file()


@cache
def _registry() -> Registry:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return Registry().with_resource(SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012))


@cache
def _validator(schema_json: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_json), registry=_registry())


def component_schema(name: str) -> dict[str, Any]:
    return {"$ref": f"{SPEC_URI}#/components/schemas/{name}"}


def schema_for(call: Call) -> dict[str, Any] | None:
    """The schema Discord applies to this request's body, or None for a request without one."""
    if call.body is None:
        return None
    if call.method == "POST" and re.fullmatch(r"/interactions/\d+/[^/]+/callback", call.path):
        kind = call.body.get("type")
        if kind not in _CALLBACKS:
            raise AssertionError(f"the bot sent an interaction callback of an unknown type: {kind}")
        return component_schema(_CALLBACKS[kind])
    if call.method == "PUT" and _COMMANDS.fullmatch(call.path):
        return {"type": "array", "items": component_schema("ApplicationCommandUpdateRequest")}
    for method, pattern, name in _ROUTES:
        if call.method == method and re.fullmatch(pattern, call.path):
            return component_schema(name)
    raise AssertionError(f"the bot sent a body to a route the checks do not know: {call.method} {call.path}")


def as_discord_reads(body: Any) -> Any:
    """The body with integer snowflakes as strings. Discord's spec types every snowflake as a string,
    but its API takes integers too (discord.py sends a reply's `message_reference` IDs as integers)."""
    if isinstance(body, dict):
        return {k: str(v) if (k == "id" or k.endswith("_id")) and isinstance(v, int) and not isinstance(v, bool)
                else as_discord_reads(v) for k, v in body.items()}
    if isinstance(body, list):
        return [as_discord_reads(v) for v in body]
    return body


def schema_errors(call: Call) -> list[str]:
    schema = schema_for(call)
    if schema is None:
        return []
    validator = _validator(json.dumps(schema, sort_keys=True))
    errors = []
    for error in validator.iter_errors(as_discord_reads(call.body)):
        where = "/".join(map(str, error.absolute_path)) or "(body)"
        errors.append(f"{call.method} {call.path}: {where}: {error.message[:300]}")
    return errors


def message_of(call: Call) -> dict[str, Any] | None:
    """The message part of a body (content, embeds, allowed mentions), if it carries one."""
    body = call.body
    if not isinstance(body, dict):
        return None
    if "/callback" in call.path:
        body = body.get("data") or {}
    if "content" in body or "embeds" in body:
        return body
    return None


def limit_errors(call: Call) -> list[str]:
    """What the spec cannot say: the 6000 characters over all embeds, and no pings, ever."""
    message = message_of(call)
    if message is None:
        return []
    where = f"{call.method} {call.path}"
    errors = []
    embeds = message.get("embeds") or []
    total = sum(embed_length(e) for e in embeds)
    if total > EMBEDS_TOTAL_LIMIT:
        errors.append(f"{where}: embeds total {total} characters > {EMBEDS_TOTAL_LIMIT}")
    if len(message.get("content") or "") > CONTENT_LIMIT:
        errors.append(f"{where}: content longer than {CONTENT_LIMIT}")
    for embed in embeds:
        if len(embed.get("description") or "") > DESCRIPTION_LIMIT:
            errors.append(f"{where}: embed description longer than {DESCRIPTION_LIMIT}")
        fields = embed.get("fields") or []
        if len(fields) > FIELDS_LIMIT or any(len(f.get("value") or "") > FIELD_VALUE_LIMIT for f in fields):
            errors.append(f"{where}: embed fields over Discord's limits")
    mentions = message.get("allowed_mentions")
    if not mentions or mentions.get("parse") or mentions.get("users") or mentions.get("roles") \
            or mentions.get("replied_user"):
        errors.append(f"{where}: allowed_mentions is {mentions!r}, not none")
    return errors


def body_errors(calls: list[Call]) -> list[str]:
    """Every problem with every body sent; the schema part only where the spec is present."""
    errors = []
    for call in calls:
        errors += limit_errors(call)
        if spec_available():
            errors += schema_errors(call)
    return errors
