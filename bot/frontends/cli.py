"""The command line: `python -m bot run | chat | ask | cast | ranking | sources | index | sync`.

`ask` is the scripting interface (one JSON object per question, JSON Lines for `-`), `chat` the
way to try the bot without Discord, and `run` falls back to `chat` when no token is configured.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable

from bot.frontends import report_command
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")


def _answerer(settings: Settings):
    from bot.answers.answerer import load_answerer

    return load_answerer(settings)


def _questions(args: list[str]) -> list[str]:
    """Words typed without quotes make one question; several quoted questions stay apart."""
    if len(args) > 1 and all(" " in a.strip() for a in args):
        return args
    return [" ".join(args)]


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.text import answer_json, render_text

    answerer = _answerer(settings)
    stream: Iterable[str] = sys.stdin if args.question == ["-"] else _questions(args.question)
    for line in stream:
        answer = answerer.ask(line.rstrip("\n"))
        if args.json:
            print(json.dumps(answer_json(answer), ensure_ascii=False), flush=True)
        else:
            print(render_text(answer), end="\n\n", flush=True)
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.text import render_text
    from bot.replies.wording import ASK_ME

    answerer = _answerer(settings)
    print(f"{ASK_ME}\nType a question and press Enter; Ctrl-D or 'quit' leaves.\n")
    while True:
        try:
            question = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.strip().lower() in {"quit", "exit", ":q"}:
            return 0
        if question.strip():
            print(render_text(answerer.ask(question)), end="\n\n")


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.sources import sources_json, sources_text

    articles = _answerer(settings).articles
    print(json.dumps(sources_json(articles), ensure_ascii=False, indent=2) if args.json
          else sources_text(articles))
    return 0


def cmd_cast(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.cast import cast_json, cast_text, lookup_json, lookup_text

    cast = _answerer(settings).knowledge.cast
    name = " ".join(args.name).strip()
    if args.json:
        print(json.dumps(lookup_json(cast, name) if name else cast_json(cast), ensure_ascii=False, indent=2))
    else:
        print(lookup_text(cast, name) if name else cast_text(cast))
    return 0


def cmd_ranking(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.ranking import ranking_json, ranking_text

    ranking = _answerer(settings).knowledge.ranking
    print(json.dumps(ranking_json(ranking), ensure_ascii=False, indent=2) if args.json else ranking_text(ranking))
    return 0


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    from bot.knowledge.embedding import Embedder
    from bot.knowledge.store import build_index

    knowledge = build_index(settings.seeds_dir, settings.index_dir, Embedder(settings.model_path or None),
                            settings.aliases_file)
    print(f"Indexed {len(knowledge.articles)} articles ({len(knowledge.passages)} passages) "
          f"into {settings.index_dir}")
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.frontends.discord_bot import NO_TOKEN, run_bot

    if not settings.discord_token:
        print(f"{NO_TOKEN} Starting the local chat instead.", file=sys.stderr)
        return cmd_chat(settings, args)
    return run_bot(settings)


def cmd_sync(settings: Settings, args: argparse.Namespace) -> int:
    from bot.frontends.discord_bot import sync_commands

    return sync_commands(settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[Settings, argparse.Namespace], int], help_text: str):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("run", cmd_run, "connect to Discord (needs DISCORD_TOKEN); without a token, start the local chat")
    add("chat", cmd_chat, "ask questions in an interactive console, no Discord needed")
    ask = add("ask", cmd_ask, "answer questions; '-' reads one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question (JSON Lines)")
    ask.add_argument("question", nargs="+", help="the question, or - to read questions from stdin")
    cast = add("cast", cmd_cast, "the cast and crew, or one actor or character, with citations")
    cast.add_argument("--json", action="store_true", help="print JSON")
    cast.add_argument("name", nargs="*", help="an actor's or character's name, in any spelling")
    ranking = add("ranking", cmd_ranking, "chart positions and audience figures, with citations")
    ranking.add_argument("--json", action="store_true", help="print JSON")
    sources = add("sources", cmd_sources, "list the articles the answers come from")
    sources.add_argument("--json", action="store_true", help="print JSON")
    add("index", cmd_index, "build or refresh index/ from seeds/")
    add("sync", cmd_sync, "register the slash commands with Discord now")
    report_command.add_arguments(add("report", report_command.cmd_report,
                                     "what fans asked: answer rate, questions the articles miss, disliked answers"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("faiss", "bm25s", "sentence_transformers", "transformers", "httpx", "huggingface_hub"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return args.handler(settings, args)
