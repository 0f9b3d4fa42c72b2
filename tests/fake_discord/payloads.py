"""Gateway and REST payloads shaped like Discord's own (API v10), with the fields discord.py reads."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
APPLICATION_ID = "1100000000000000001"
BOT_ID = APPLICATION_ID  # a bot user shares its application's ID
BOT_ROLE_ID = "1100000000000000002"
GUILD_ID = "1100000000000000010"
CHANNEL_ID = "1100000000000000020"
ANSWER_CHANNEL_ID = "1100000000000000021"
FAN_ID = "1100000000000000100"
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
ALL_PERMISSIONS = "2251799813685247"
VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, READ_MESSAGE_HISTORY = 1 << 10, 1 << 11, 1 << 14, 1 << 16
SEND_MESSAGES_IN_THREADS = 1 << 38
# View Channel, Send Messages, Embed Links, Read Message History, Use Application Commands, Send in Threads.
BOT_PERMISSIONS = str(VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | (1 << 31)
                      | SEND_MESSAGES_IN_THREADS)
EVERYONE_PERMISSIONS = "1071698660929"

_counter = itertools.count()


def snowflake(age: float = 0.0) -> str:
    """A fresh ID that, like Discord's, encodes the time it was made (`age` seconds ago)."""
    return str(((int((time.time() - age) * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_counter) % 4096))


def created_at(snowflake_id: str) -> float:
    """The Unix time a snowflake encodes."""
    return ((int(snowflake_id) >> 22) + DISCORD_EPOCH_MS) / 1000


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {"id": user_id, "username": name, "global_name": None if bot else name.title(),
            "discriminator": "0", "avatar": None, "bot": bot, "public_flags": 0, "flags": 0}


BOT_USER = user(BOT_ID, "aouad-bot", bot=True)


def fan(user_id: str = FAN_ID) -> dict[str, Any]:
    return user(user_id, f"fan{user_id[-4:]}")


def member(of: dict[str, Any], roles: list[str] | None = None,
           permissions: str | None = None) -> dict[str, Any]:
    data = {"user": of, "roles": roles or [], "joined_at": now_iso(), "deaf": False, "mute": False,
            "flags": 0, "pending": False, "nick": None, "avatar": None, "premium_since": None,
            "communication_disabled_until": None}
    if permissions is not None:
        data["permissions"] = permissions
    return data


def _without_user(data: dict[str, Any]) -> dict[str, Any]:
    """A member as messages carry it: the user is the message's author or mention itself."""
    return {k: v for k, v in data.items() if k != "user"}


def text_channel(channel_id: str, name: str, *, kind: int = 0,
                 overwrites: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A guild text channel (kind 0), or a forum (15) whose posts are threads."""
    return {"id": channel_id, "type": kind, "guild_id": GUILD_ID, "name": name, "position": 0,
            "permission_overwrites": overwrites or [], "nsfw": False, "parent_id": None, "topic": None,
            "last_message_id": None, "rate_limit_per_user": 0, "flags": 0}


def deny_bot(permissions: int) -> dict[str, Any]:
    """A channel overwrite that takes `permissions` from the bot's role."""
    return {"id": BOT_ROLE_ID, "type": 0, "allow": "0", "deny": str(permissions)}


def thread(thread_id: str, parent_id: str, name: str) -> dict[str, Any]:
    """A public thread (a forum post is one too) under `parent_id`."""
    return {"id": thread_id, "type": 11, "guild_id": GUILD_ID, "parent_id": parent_id, "name": name,
            "owner_id": FAN_ID, "last_message_id": None, "rate_limit_per_user": 0, "flags": 0,
            "message_count": 0, "member_count": 1, "total_message_sent": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": now_iso(),
                                "locked": False, "create_timestamp": now_iso()}}


def role(role_id: str, name: str, permissions: str, *, bot_id: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": role_id, "name": name, "permissions": permissions,
                            "position": 0 if bot_id is None else 1, "color": 0, "hoist": False,
                            "managed": bot_id is not None, "mentionable": False, "icon": None,
                            "unicode_emoji": None, "flags": 0}
    if bot_id is not None:
        data["tags"] = {"bot_id": bot_id}
    return data


def application() -> dict[str, Any]:
    return {"id": APPLICATION_ID, "name": "AOUAD bot", "icon": None, "description": "", "summary": "",
            "type": None, "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": user("1100000000000000200", "owner"), "team": None, "flags": 0, "tags": [],
            "rpc_origins": [], "interactions_endpoint_url": None, "bot": BOT_USER}


def ready(session_id: str, resume_gateway_url: str) -> dict[str, Any]:
    return {"v": 10, "user": BOT_USER, "guilds": [{"id": GUILD_ID, "unavailable": True}],
            "session_id": session_id, "session_type": "normal", "resume_gateway_url": resume_gateway_url,
            "application": {"id": APPLICATION_ID, "flags": 0}, "private_channels": [],
            "relationships": [], "presences": [], "geo_ordered_rtc_regions": [], "user_settings": {}}


def guild_create(channels: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": GUILD_ID, "name": "AOUAD fans", "icon": None, "owner_id": FAN_ID, "unavailable": False,
            "roles": [role(GUILD_ID, "@everyone", EVERYONE_PERMISSIONS),
                      role(BOT_ROLE_ID, "aouad-bot", BOT_PERMISSIONS, bot_id=BOT_ID)],
            "channels": channels if channels is not None else default_channels(),
            "members": [member(BOT_USER, [BOT_ROLE_ID])], "member_count": 2, "threads": [], "presences": [],
            "voice_states": [], "emojis": [], "stickers": [], "features": [], "large": False,
            "joined_at": now_iso(), "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "mfa_level": 0, "premium_tier": 0, "system_channel_flags": 0,
            "preferred_locale": "en-US", "nsfw_level": 0, "afk_timeout": 300, "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": []}


def default_channels() -> list[dict[str, Any]]:
    return [text_channel(CHANNEL_ID, "general"), text_channel(ANSWER_CHANNEL_ID, "ask-the-bot")]


def _interaction_base(kind: int, user_id: str, channel_id: str, age: float = 0.0) -> dict[str, Any]:
    interaction_id = snowflake(age)
    return {"id": interaction_id, "application_id": APPLICATION_ID, "type": kind,
            "token": f"interaction-token-{interaction_id}", "version": 1, "guild_id": GUILD_ID,
            "channel_id": channel_id, "channel": text_channel(channel_id, "general"),
            "guild": {"id": GUILD_ID, "locale": "en-US", "features": []},
            "member": member(fan(user_id), permissions=ALL_PERMISSIONS), "app_permissions": BOT_PERMISSIONS,
            "locale": "en-US", "guild_locale": "en-US", "entitlements": [], "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": GUILD_ID}, "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT}


def command_interaction(name: str, options: dict[str, Any], command_id: str, *, user_id: str = FAN_ID,
                        channel_id: str = CHANNEL_ID, age: float = 0.0) -> dict[str, Any]:
    """INTERACTION_CREATE for a slash command (type 2) used in the guild, created `age` seconds ago."""
    types = {str: 3, bool: 5, int: 4, float: 10}
    data = _interaction_base(2, user_id, channel_id, age)
    data["data"] = {"id": command_id, "name": name, "type": 1,
                    "options": [{"name": k, "type": types[type(v)], "value": v} for k, v in options.items()]}
    return data


def component_interaction(message: dict[str, Any], custom_id: str, *,
                          user_id: str = FAN_ID) -> dict[str, Any]:
    """INTERACTION_CREATE for a button click (type 3) on `message`."""
    data = _interaction_base(3, user_id, message["channel_id"])
    data["data"] = {"custom_id": custom_id, "component_type": 2}
    data["message"] = message
    return data


def message(content: str, *, author: dict[str, Any], channel_id: str = CHANNEL_ID,
            mentions: list[dict[str, Any]] | None = None, mention_roles: list[str] | None = None,
            referenced: dict[str, Any] | None = None, embeds: list[dict[str, Any]] | None = None,
            components: list[dict[str, Any]] | None = None, guild: bool = True,
            flags: int = 0, age: float = 0.0) -> dict[str, Any]:
    """A message object, sent `age` seconds ago; with `referenced`, a reply (type 19) to that message."""
    data: dict[str, Any] = {
        "id": snowflake(age), "channel_id": channel_id, "author": author, "content": content,
        "timestamp": now_iso(), "edited_timestamp": None, "tts": False,
        "mention_everyone": "@everyone" in content or "@here" in content,
        "mentions": [{**m, "member": _without_user(member(m))} if guild else m for m in mentions or []],
        "mention_roles": mention_roles or [], "attachments": [], "embeds": embeds or [], "pinned": False,
        "type": 0, "flags": flags, "components": components or [],
    }
    if guild:
        data["guild_id"] = GUILD_ID
        data["member"] = _without_user(member(author))
    if referenced is not None:
        data["type"] = 19
        data["message_reference"] = {"type": 0, "message_id": referenced["id"], "channel_id": channel_id,
                                     **({"guild_id": GUILD_ID} if guild else {})}
        data["referenced_message"] = referenced
    return data

