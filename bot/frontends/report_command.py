"""`python -m bot report [--json] [--days N]`: the moderators' report from the records database."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.settings import Settings

DEFAULT_DAYS = 30


def _days(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError("must be a whole number of days, at least 1")
    return int(raw)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--days", type=_days, default=DEFAULT_DAYS, help=f"how far back (default {DEFAULT_DAYS})")


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    from bot.records import RecordsUnavailable
    from bot.records.report import Report
    from bot.replies.report import report_text

    try:
        report: Report = asyncio.run(_build(settings, args.days))
    except RecordsUnavailable as exc:
        print(f"No report: {exc}.", file=sys.stderr)
        return 1
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if args.json else report_text(report))
    return 0


async def _build(settings: Settings, days: int):
    from bot.records import Records
    from bot.records.report import build_report

    records = await Records.open(settings)
    try:
        return await build_report(records, days, _LazyEmbedder(settings))
    finally:
        await records.close()


class _LazyEmbedder:
    """Loads the model (a few seconds) only when there are declined questions to group."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._model = None

    def encode(self, texts: list[str]):
        if self._model is None:
            from bot.knowledge.embedding import Embedder

            self._model = Embedder(self.settings.model_path or None)
        return self._model.encode(texts)
