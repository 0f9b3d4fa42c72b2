"""A small fake Discord on 127.0.0.1: the gateway websocket and the REST routes the bot calls.

It speaks just enough of API v10 for the real discord.py client: HELLO, IDENTIFY → READY +
GUILD_CREATE, heartbeats, RESUME (replaying what the bot missed), dispatches; the login, command
fetch and sync, interaction callback, webhook and channel-message routes. It records every request
with its JSON body, so tests can assert on (and validate) exactly what the bot sent, and it can be
told to answer the next requests to a route with a 429 (headers as Discord sends them) or a 5xx.

Like Discord it enforces the clock (no first response 3 s after an interaction was created, no
follow-up once its token expired) and the bot's channel permissions (no message without Send
Messages, no reply without Read Message History, embeds dropped without Embed Links).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fake_discord import payloads as p

API_PREFIX = "/api/v10"
TOKEN = "fake.bot-token_for.tests"
MESSAGE_CONTENT_INTENT = 1 << 15
GATEWAY_AUTH_FAILED = 4004
DISALLOWED_INTENTS = 4014
UNKNOWN_ERROR = 4000  # Discord's "something went wrong, reconnect": resumable
EPHEMERAL = 1 << 6
RESPONSE_WINDOW = 3.0  # seconds from an interaction's creation to its first response
TOKEN_LIFETIME = 15 * 60.0  # seconds an interaction token accepts follow-ups and edits
LOADING = 1 << 7  # a deferred response's "thinking…" message
_INTERACTION_PATH = re.compile(r"/(?:interactions|webhooks)/\d+/([^/]+)(/callback|/messages/@original)?")


@dataclass
class Call:
    """One REST request the bot made, with the status the fake answered."""

    method: str
    path: str  # below /api/v10, e.g. /channels/123/messages
    query: dict[str, str]
    body: Any
    status: int
    at: float  # event-loop time
    response: Any = None  # the JSON the fake answered with


@dataclass
class InteractionRecord:
    """One interaction sent to the bot and what the bot did with it."""

    payload: dict[str, Any]
    sent_at: float
    first: asyncio.Future[Call]  # the first accepted callback (a reply or a defer)
    final: asyncio.Future[Call]  # the message the user ends up seeing
    calls: list[Call] = field(default_factory=list)
    original_id: str | None = None  # the message the first response created

    @property
    def token(self) -> str:
        return self.payload["token"]


@dataclass
class Fault:
    method: str
    path: re.Pattern[str]
    status: int
    times: int
    retry_after: float


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly "application/json".
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


class FakeDiscord:
    """Start with `await start()`; point the bot at `api_base_url` and `gateway_url`."""

    def __init__(self, *, token: str = TOKEN, allow_message_content: bool = True,
                 heartbeat_interval_ms: int = 41250, channels: list[dict[str, Any]] | None = None,
                 close_code: int | None = None) -> None:
        self.token = token
        self.close_code = close_code  # close every IDENTIFY with this code (e.g. 4011, sharding required)
        self.token_lifetime = TOKEN_LIFETIME
        self.channels = {c["id"]: c for c in (channels if channels is not None else p.default_channels())}
        self.threads: dict[str, dict[str, Any]] = {}
        self.allow_message_content = allow_message_content
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.calls: list[Call] = []
        self.gateway_ops: list[int] = []  # ops the bot sent (1 heartbeat, 2 identify, 6 resume, ...)
        self.gateway_paths: list[str] = []  # which URL each gateway connection used
        self.identify_payloads: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" / guild ID -> registered commands
        self.messages: dict[str, dict[str, Any]] = {}  # every message the bot created, by ID
        self.interactions: dict[str, InteractionRecord] = {}  # by interaction token
        self.files: dict[str, bytes] = {}  # uploaded attachments, served at their URL, by ID
        self.connected = asyncio.Event()  # READY or RESUMED sent on a live connection
        self._faults: list[Fault] = []
        self._ws: web.WebSocketResponse | None = None
        self._session_id: str | None = None
        self._seq = 0
        self._history: list[dict[str, Any]] = []
        self._send_lock = asyncio.Lock()
        self._call_added = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ----- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume-gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{name}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def env(self) -> dict[str, str]:
        """The settings that point the bot here, as environment variables."""
        return {"DISCORD_TOKEN": self.token, "DISCORD_API_BASE_URL": self.api_base_url,
                "DISCORD_GATEWAY_URL": self.gateway_url, "DISCORD_GUILD_ID": p.GUILD_ID}

    # ----- what tests do ---------------------------------------------------------------------

    def fail(self, method: str, path: str, status: int, *, times: int = 1, retry_after: float = 0.05) -> None:
        """Answer the next `times` requests matching `method` and the `path` regex with `status`."""
        self._faults.append(Fault(method, re.compile(path), status, times, retry_after))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event; while the bot is disconnected it waits in the session's history
        and is replayed when the bot resumes."""
        async with self._send_lock:
            self._seq += 1
            frame = {"op": 0, "t": event, "s": self._seq, "d": data}
            self._history.append(frame)
            if self._ws is not None and self.connected.is_set():
                await self._ws.send_str(json.dumps(frame))

    async def interact(self, payload: dict[str, Any]) -> InteractionRecord:
        loop = asyncio.get_running_loop()
        record = InteractionRecord(payload, loop.time(), loop.create_future(), loop.create_future())
        self.interactions[record.token] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    async def slash(self, name: str, *, user_id: str = p.FAN_ID, age: float = 0.0,
                    **options: Any) -> InteractionRecord:
        """Use a slash command as a fan would; `age`: Discord created it that many seconds ago
        (a slow network, a replay)."""
        synced = {c["name"]: c["id"] for c in self.commands.get("global", [])}
        command_id = synced.get(name) or p.snowflake()
        return await self.interact(p.command_interaction(name, options, command_id, user_id=user_id, age=age))

    async def click(self, message: dict[str, Any], label: str, *,
                    user_id: str = p.FAN_ID) -> InteractionRecord:
        """Click the button labelled `label` on a message the bot sent."""
        buttons = [c for row in message.get("components", []) for c in row["components"]]
        button = next(b for b in buttons if b.get("label") == label)
        return await self.interact(p.component_interaction(message, button["custom_id"], user_id=user_id))

    async def post(self, content: str, *, author: dict[str, Any] | None = None,
                   **fields: Any) -> dict[str, Any]:
        """A fan posts a message (MESSAGE_CREATE); returns the message."""
        data = p.message(content, author=author or p.fan(), **fields)
        await self.dispatch("MESSAGE_CREATE", data)
        return data

    async def edit(self, message: dict[str, Any], content: str) -> dict[str, Any]:
        """The fan edits a message (MESSAGE_UPDATE)."""
        message.update(content=content, edited_timestamp=p.now_iso())
        await self.dispatch("MESSAGE_UPDATE", message)
        return message

    async def open_thread(self, parent_id: str, name: str = "a thread") -> dict[str, Any]:
        """A fan opens a thread (or a forum post) under `parent_id` (THREAD_CREATE)."""
        data = p.thread(p.snowflake(), parent_id, name)
        self.threads[data["id"]] = data
        await self.dispatch("THREAD_CREATE", {**data, "newly_created": True})
        return data

    def upload(self, filename: str, data: bytes, content_type: str = "text/plain; charset=utf-8") -> dict[str, Any]:
        """A file a member attaches to a command: the attachment object, its URL served here."""
        attachment_id = p.snowflake()
        self.files[attachment_id] = data
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        return {"id": attachment_id, "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": content_type}

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["id"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    def delete_commands(self, scope: str = "global") -> None:
        """Someone deletes the application's commands on Discord's side (another deploy, a reset)."""
        self.commands.pop(scope, None)

    def bot_permissions(self, channel_id: str) -> int:
        """The bot's permissions in a channel: its roles, then the channel's overwrites (a thread
        takes its parent's); every permission in a channel the guild doesn't have (a DM)."""
        channel = self.channels.get(channel_id)
        if channel is None and channel_id in self.threads:
            channel = self.channels.get(self.threads[channel_id]["parent_id"])
        if channel is None:
            return int(p.ALL_PERMISSIONS)
        allowed = int(p.EVERYONE_PERMISSIONS) | int(p.BOT_PERMISSIONS)
        for target in (p.GUILD_ID, p.BOT_ROLE_ID):
            for overwrite in channel["permission_overwrites"]:
                if overwrite["id"] == target:
                    allowed = (allowed & ~int(overwrite["deny"])) | int(overwrite["allow"])
        return allowed

    async def drop_connection(self, code: int = UNKNOWN_ERROR) -> None:
        """Close the gateway connection as Discord does when it restarts a gateway node."""
        ws, self._ws = self._ws, None
        self.connected.clear()
        if ws is not None:
            await ws.close(code=code)

    async def wait_for_call(self, predicate: Callable[[Call], bool], timeout: float = 10.0) -> Call:
        """The first recorded (or next) request for which `predicate` holds."""
        async def find() -> Call:
            async with self._call_added:
                while True:
                    for call in self.calls:
                        if predicate(call):
                            return call
                    await self._call_added.wait()
        return await asyncio.wait_for(find(), timeout)

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.fullmatch(pattern, c.path)]

    # ----- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.gateway_paths.append(request.path)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                                      "s": None, "t": None}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            self.gateway_ops.append(frame["op"])
            if frame["op"] == 1:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif frame["op"] == 2:
                await self._identify(ws, frame["d"])
            elif frame["op"] == 6:
                await self._resume(ws, frame["d"])
        if self._ws is ws:
            self._ws = None
            self.connected.clear()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identify_payloads.append(data)
        if self.close_code is not None:
            await ws.close(code=self.close_code, message=b"Closed by the test.")
            return
        if data.get("token") != self.token:
            await ws.close(code=GATEWAY_AUTH_FAILED, message=b"Authentication failed.")
            return
        if data.get("intents", 0) & MESSAGE_CONTENT_INTENT and not self.allow_message_content:
            await ws.close(code=DISALLOWED_INTENTS, message=b"Disallowed intent(s).")
            return
        async with self._send_lock:
            self._session_id = secrets.token_hex(16)
            self._seq = 0
            self._history = []
            self._ws = ws
        resume_url = f"ws://127.0.0.1:{self.port}/resume-gateway"
        self.connected.set()
        ready = p.ready(self._session_id, resume_url)
        if "shard" in data:
            ready["shard"] = data["shard"]  # as Discord does for a sharded connection
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", p.guild_create(list(self.channels.values())))

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token or data.get("session_id") != self._session_id:
            await ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))
            return
        async with self._send_lock:
            for frame in self._history:
                if frame["s"] > (data.get("seq") or 0):
                    await ws.send_str(json.dumps(frame))
            self._ws = ws
        self.connected.set()
        await self.dispatch("RESUMED", {})

    # ----- REST ------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body = json.loads(raw) if raw and request.content_type == "application/json" else None
        response = self._fault(request.method, path) or self._route(request, path, body)
        sent = json.loads(response.body) if response.content_type == "application/json" else None
        call = Call(request.method, path, dict(request.query), body, response.status,
                    asyncio.get_running_loop().time(), sent)
        async with self._call_added:
            self.calls.append(call)
            self._call_added.notify_all()
        self._track_interaction(call)
        return response

    def _fault(self, method: str, path: str) -> web.Response | None:
        for fault in self._faults:
            if fault.times > 0 and fault.method == method and fault.path.fullmatch(path):
                fault.times -= 1
                if fault.status == 429:
                    return _rate_limited(fault.retry_after)
                return json_response({"message": f"{fault.status}: Fault injected by the test", "code": 0},
                                     fault.status)
        return None

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _route(self, request: web.Request, path: str, body: Any) -> web.Response:
        method = request.method
        webhook = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path)
        callback = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if callback and method == "POST":
            return self._callback(callback.group(2), body, request.query.get("with_response"))
        if webhook:
            return self._webhook(method, webhook.group(2), webhook.group(4), body)
        if not self._authorised(request):
            return json_response({"message": "401: Unauthorized", "code": 0}, 401)
        if method == "GET" and path == "/users/@me":
            return json_response(p.BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return json_response(p.application())
        commands = re.fullmatch(rf"/applications/{p.APPLICATION_ID}(/guilds/(\d+))?/commands", path)
        if commands and method == "PUT":
            return json_response(self._register(commands.group(2) or "global", body))
        if commands and method == "GET":
            return json_response(self.commands.get(commands.group(2) or "global", []))
        channel = re.fullmatch(r"/channels/(\d+)/messages(?:/(\d+))?", path)
        if channel and method == "POST" and channel.group(2) is None:
            return self._post_message(channel.group(1), body)
        if channel and method == "PATCH" and channel.group(2) in self.messages:
            message = self.messages[channel.group(2)]
            message.update({k: v for k, v in body.items() if k in ("content", "embeds")},
                           edited_timestamp=p.now_iso())
            return json_response(message)
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    def _post_message(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        """Create a message where the bot may: as Discord does, refuse without Send Messages (or Send
        Messages in Threads) and a reply without Read Message History; drop embeds without Embed Links."""
        allowed = self.bot_permissions(channel_id)
        send = p.SEND_MESSAGES_IN_THREADS if channel_id in self.threads else p.SEND_MESSAGES
        needed = p.VIEW_CHANNEL | send | (p.READ_MESSAGE_HISTORY if body.get("message_reference") else 0)
        if allowed & needed != needed:
            return json_response({"message": "Missing Permissions", "code": 50013}, 403)
        if not allowed & p.EMBED_LINKS:
            body = {**body, "embeds": []}
        return json_response(self._create_message(channel_id, body))

    def _register(self, scope: str, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        registered = [{"id": p.snowflake(), "application_id": p.APPLICATION_ID, "version": p.snowflake(),
                       "type": 1, "options": [], "default_member_permissions": None, "dm_permission": True,
                       "nsfw": False, **command, **({} if scope == "global" else {"guild_id": scope})}
                      for command in body]
        self.commands[scope] = registered
        return registered

    def _create_message(self, channel_id: str, body: dict[str, Any], *, flags: int = 0) -> dict[str, Any]:
        reference = body.get("message_reference")
        referenced = self.messages.get(reference["message_id"]) if reference else None
        message = p.message(body.get("content") or "", author=p.BOT_USER, channel_id=channel_id,
                            embeds=body.get("embeds"), components=body.get("components") or [],
                            flags=flags | (body.get("flags") or 0))
        if reference:
            message.update(type=19, message_reference={"type": 0, **reference}, referenced_message=referenced)
        self.messages[message["id"]] = message
        return message

    def _callback(self, token: str, body: dict[str, Any], with_response: str | None) -> web.Response:
        record = self.interactions.get(token)
        if record is None or time.time() - p.created_at(record.payload["id"]) > RESPONSE_WINDOW:
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if record.first.done() and record.payload["type"] == 2:
            return json_response({"message": "Interaction has already been acknowledged.", "code": 40060},
                                 400)
        kind = body["type"]
        data = body.get("data") or {}
        message = None
        if kind in (4, 5):
            message = self._create_message(record.payload["channel_id"], data,
                                           flags=LOADING if kind == 5 else 0)
            record.original_id = message["id"]
        elif kind in (6, 7):
            message = record.payload["message"]  # the message whose button was clicked, updated in place
            self.messages.setdefault(message["id"], message)
            record.original_id = message["id"]  # what a follow-up edit of "@original" changes
            message.update({k: v or [] if k == "components" else v for k, v in data.items()
                            if k in ("content", "embeds", "components")})
        if not with_response:
            return web.Response(status=204)
        interaction = {"id": record.payload["id"], "type": record.payload["type"],
                       "response_message_loading": kind == 5,
                       "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL)}
        if message is not None:
            interaction["response_message_id"] = message["id"]
        return json_response({"interaction": interaction, "resource": {"type": kind, "message": message}})

    def _webhook(self, method: str, token: str, target: str | None, body: Any) -> web.Response:
        record = self.interactions.get(token)
        if record is None:
            return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        if time.time() - p.created_at(record.payload["id"]) > self.token_lifetime:
            return json_response({"message": "Invalid Webhook Token", "code": 50027}, 401)
        original = self.messages.get(record.original_id or "")
        if target is None and method == "POST":
            return json_response(self._create_message(record.payload["channel_id"], body))
        if target == "@original" and original is not None:
            if method == "PATCH":
                original.update({k: v for k, v in body.items() if k in ("content", "embeds")},
                                components=body.get("components") or [], flags=original["flags"] & ~LOADING)
                return json_response(original)
            if method == "DELETE":
                del self.messages[original["id"]]
                return web.Response(status=204)
            if method == "GET":
                return json_response(original)
        return json_response({"message": "Unknown Message", "code": 10008}, 404)

    def _track_interaction(self, call: Call) -> None:
        """Note the first response and the final answer of the interaction this call belongs to."""
        match = _INTERACTION_PATH.fullmatch(call.path)
        record = self.interactions.get(match.group(1)) if match else None
        if record is None or match is None:
            return
        record.calls.append(call)
        if not 200 <= call.status < 300:
            return
        is_callback = match.group(2) == "/callback"
        if is_callback and not record.first.done():
            record.first.set_result(call)
        final = (call.method == "PATCH" or (call.method == "POST" and not is_callback)
                 or (is_callback and call.body["type"] in (4, 7)))
        if final and not record.final.done():
            record.final.set_result(call)


def _rate_limited(retry_after: float) -> web.Response:
    """A 429 as Discord sends it: through its proxy (`Via`; discord.py retries only those), with the
    bucket headers and the wait both in `Retry-After` (whole seconds) and in the body (exact)."""
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    headers = {"Via": "1.1 google", "Retry-After": str(max(1, round(retry_after))),
               "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
               "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
               "X-RateLimit-Reset-After": f"{retry_after:.3f}", "X-RateLimit-Bucket": secrets.token_hex(16),
               "X-RateLimit-Scope": "user"}
    return json_response(body, 429, headers)
