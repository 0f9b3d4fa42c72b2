"""What moderators need to see where the bot falls short: questions, votes, and a report of both."""

from bot.records.store import Asked, Records, RecordsUnavailable, VoteResult

__all__ = ["Asked", "Records", "RecordsUnavailable", "VoteResult"]
