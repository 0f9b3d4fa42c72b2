"""Where discord.py connects: the one place that honours DISCORD_API_BASE_URL and DISCORD_GATEWAY_URL.

discord.py has no setting for either. Every REST call it makes (interaction callbacks and webhooks
included) builds its URL from the class attribute `discord.http.Route.BASE`, and a client opens the
gateway at `DiscordWebSocket.DEFAULT_GATEWAY` (it never asks `/gateway/bot` unsharded, nor sharded
with BOT_SHARD_COUNT given), so setting those two attributes is enough. discord.py offers no
supported setting for either (its `proxy=` option tunnels to discord.com itself). Both are
process-wide: one process talks to one Discord.

Resumes go to the `resume_gateway_url` of the READY event, as Discord requires; a gateway proxy
must rewrite that field if resumes are to pass through it too.
"""

from __future__ import annotations

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/"


def use_endpoints(api_base_url: str, gateway_url: str | None) -> None:
    """Point discord.py's REST calls at `api_base_url` and its first gateway connection at `gateway_url`."""
    Route.BASE = api_base_url.rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url or DEFAULT_GATEWAY_URL)
