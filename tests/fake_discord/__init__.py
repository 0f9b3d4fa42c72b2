"""A fake Discord for end-to-end tests and benchmarks: the real discord.py client talks to it over
127.0.0.1 through DISCORD_API_BASE_URL and DISCORD_GATEWAY_URL."""

from tests.fake_discord.harness import running_bot
from tests.fake_discord.server import Call, FakeDiscord, InteractionRecord

__all__ = ["Call", "FakeDiscord", "InteractionRecord", "running_bot"]
