"""The command line: `python -m bot run | chat | ask | cast | ranking | sources | index | sync`.

`ask` is the scripting interface (one JSON object per question, JSON Lines for `-`), `chat` the
way to try the bot without Discord, and `run` falls back to `chat` when no token is configured.
Every question passes `bot.text_input.clean_question` first; every failure an operator can fix
ends as one line and an exit code of `bot.exits.ExitCode`, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator

from bot.exits import ExitCode
from bot.frontends import report_command
from bot.knowledge.articles import NoSeeds
from bot.knowledge.store import IndexNotWritable, IndexUnavailable
from bot.settings import Settings, SettingsError, check_settings, load_settings
from bot.text_input import CleanQuestion, clean_question

log = logging.getLogger("bot")

# A question ends at its question marks, whether or not a space follows ("who is Lomon?how old…").
_QUESTION = re.compile(r"[^?]*\?+|[^?]+$")
HISTORY_FILE = "chat_history"


def _answerer(settings: Settings):
    from bot.answers.answerer import load_answerer

    return load_answerer(settings)


def _facts(settings: Settings):
    from bot.knowledge.store import load_facts

    return load_facts(settings)


def _questions(args: list[str]) -> list[str]:
    """Words typed without quotes make one question, several quoted questions stay apart, and a
    question mark ends a question even without a space after it."""
    quoted = len(args) > 1 and all(" " in a.strip() or a.rstrip().endswith("?") for a in args)
    found: list[str] = []
    for text in args if quoted else [" ".join(args)]:
        parts = [p.strip() for p in _QUESTION.findall(text) if p.strip()]
        if len(parts) > 1 and not parts[-1].endswith("?"):  # trailing words belong to the last question
            parts[-2:] = [f"{parts[-2]} {parts[-1]}"]
        found.extend(parts or [text.strip()])
    return found


def _stdin_questions() -> Iterator[CleanQuestion]:
    """One question per line of stdin, read as bytes so that no byte sequence can stop the loop."""
    for line in getattr(sys.stdin, "buffer", sys.stdin):
        yield clean_question(line)


def _print_answer(answerer, question: CleanQuestion, args: argparse.Namespace, label: bool) -> None:
    from bot.replies.text import answer_json, render_text

    if question.note:
        print(f"Note: {question.note}", file=sys.stderr)
    answer = answerer.ask(question.text)
    if args.json:
        print(json.dumps(answer_json(answer, spoilers=args.spoilers), ensure_ascii=False), flush=True)
    else:
        heading = f"Q: {question.text}\n" if label else ""
        print(heading + render_text(answer, spoilers=args.spoilers), end="\n\n", flush=True)


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    answerer = _answerer(settings)
    if args.question == ["-"]:
        for question in _stdin_questions():
            _print_answer(answerer, question, args, label=True)
        return ExitCode.OK
    questions = _questions(args.question)
    for text in questions:
        _print_answer(answerer, clean_question(text), args, label=len(questions) > 1)
    return ExitCode.OK


def _reader(settings: Settings) -> Callable[[str], str]:
    """`input` with line editing and a history kept in the data folder, when a person is at a
    terminal; plain `input` when stdin is a pipe or a file."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return input
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        history = FileHistory(str(settings.data_dir / HISTORY_FILE))
        history.append_string("")  # probe: an unwritable data folder keeps the history in memory
    except OSError:
        history = InMemoryHistory()
    return PromptSession(history=history).prompt


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.text import render_text
    from bot.replies.wording import ASK_ME

    answerer = _answerer(settings)
    read = _reader(settings)
    print(f"{ASK_ME}\nType a question and press Enter; Ctrl-D or 'quit' leaves.\n")
    while True:
        try:
            question = clean_question(read("you> "))
        except (EOFError, KeyboardInterrupt):
            print()
            return ExitCode.OK
        if question.text.lower() in {"quit", "exit", ":q"}:
            return ExitCode.OK
        if question.note:
            print(f"Note: {question.note}")
        if question.text:
            print(render_text(answerer.ask(question.text), spoilers=args.spoilers), end="\n\n", flush=True)


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.sources import sources_json, sources_text

    articles = _facts(settings).articles
    print(json.dumps(sources_json(articles), ensure_ascii=False, indent=2) if args.json
          else sources_text(articles))
    return ExitCode.OK


def cmd_cast(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.cast import cast_json, cast_text, lookup_json, lookup_text

    cast = _facts(settings).cast
    name = clean_question(" ".join(args.name)).text
    if args.json:
        print(json.dumps(lookup_json(cast, name) if name else cast_json(cast), ensure_ascii=False, indent=2))
    else:
        print(lookup_text(cast, name) if name else cast_text(cast))
    return ExitCode.OK


def cmd_ranking(settings: Settings, args: argparse.Namespace) -> int:
    from bot.replies.ranking import ranking_json, ranking_text

    ranking = _facts(settings).ranking
    print(json.dumps(ranking_json(ranking), ensure_ascii=False, indent=2) if args.json else ranking_text(ranking))
    return ExitCode.OK


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    from bot.knowledge.embedding import Embedder
    from bot.knowledge.store import build_index

    knowledge = build_index(settings.seeds_dir, settings.index_dir, Embedder(settings.model_path or None),
                            settings.aliases_file, settings.max_seed_bytes)
    print(f"Indexed {len(knowledge.articles)} articles ({len(knowledge.passages)} passages) "
          f"into {settings.index_dir}")
    return ExitCode.OK


def _discord_job(job: Callable[[Settings], int], settings: Settings) -> int:
    """Run a Discord job; an HTTP error Discord answers at once (a 404 at a wrong URL) is a setting."""
    import discord

    try:
        return job(settings)
    except discord.HTTPException as exc:
        raise SettingsError(f"DISCORD_API_BASE_URL answered HTTP {exc.status} at {settings.discord_api_base_url}; "
                            "is it the Discord API (https://discord.com/api/v10) or a proxy of it?") from None


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.frontends.discord_bot import NO_TOKEN, run_bot

    if not settings.discord_token:
        print(f"{NO_TOKEN} Starting the local chat instead.", file=sys.stderr)
        return cmd_chat(settings, args)
    return _discord_job(run_bot, settings)


def cmd_sync(settings: Settings, args: argparse.Namespace) -> int:
    from bot.frontends.discord_bot import sync_commands

    return _discord_job(sync_commands, settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[Settings, argparse.Namespace], int], help_text: str):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    spoilers_help = "show quotes that give the story away (hidden by default)"
    run = add("run", cmd_run, "connect to Discord (needs DISCORD_TOKEN); without a token, start the local chat")
    run.add_argument("--spoilers", action="store_true", help=f"in the local chat: {spoilers_help}")
    chat = add("chat", cmd_chat, "ask questions in an interactive console, no Discord needed")
    chat.add_argument("--spoilers", action="store_true", help=spoilers_help)
    ask = add("ask", cmd_ask, "answer questions; '-' reads one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question (JSON Lines)")
    ask.add_argument("--spoilers", action="store_true", help=spoilers_help + "; --json always has every quote")
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


def _permission_line(exc: BaseException) -> str:
    where = getattr(exc, "filename", None) or "a file it needs"
    return (f"Permission denied: the bot may not write to {where}; fix its permissions or point "
            "BOT_INDEX_DIR, BOT_DATA_DIR or BOT_SEEDS_DIR elsewhere.")


def _denied(exc: BaseException) -> bool:
    """Not allowed, whoever is to blame: permissions, or a read-only file system."""
    return isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno == errno.EROFS)


Failure = tuple[Callable[[BaseException], bool], ExitCode, Callable[[BaseException], str]]
# (which exception, exit code, its one line) rows, first match wins: what an operator acts on. An
# exception matches through the exceptions it was raised from.
FAILURES: tuple[Failure, ...] = (
    (lambda e: isinstance(e, SettingsError), ExitCode.CONFIGURATION, lambda e: f"Configuration error: {e}"),
    (lambda e: isinstance(e, NoSeeds), ExitCode.CONFIGURATION, str),
    (lambda e: isinstance(e, IndexNotWritable), ExitCode.PERMISSION, str),
    (_denied, ExitCode.PERMISSION, _permission_line),
    (lambda e: isinstance(e, IndexUnavailable), ExitCode.FAILED, str),
    (lambda e: isinstance(e, OSError), ExitCode.FAILED, lambda e: f"{type(e).__name__}: {e}"),
    (lambda e: isinstance(e, MemoryError), ExitCode.FAILED,
     lambda e: "Out of memory: a seed file may be too big (BOT_MAX_SEED_MB)."),
)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """An exception and what it was raised from: a wrapper's cause (PermissionError) decides."""
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__


def _output_closed() -> int:
    """The reader of our output left (`… | head -1`): stop quietly, and keep Python's exit flush quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return ExitCode.BROKEN_PIPE


def _setup_output() -> None:
    """UTF-8 out whatever the locale, so no answer text can fail to print."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _setup_output()
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        check_settings(settings)
        logging.basicConfig(level=settings.log_level, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        for noisy in ("faiss", "bm25s", "sentence_transformers", "transformers", "httpx", "huggingface_hub"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        return args.handler(settings, args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _output_closed()
    except Exception as exc:
        for matches, code, line in FAILURES:
            cause = next((e for e in _causes(exc) if matches(e)), None)
            if cause is not None:
                print(line(cause), file=sys.stderr)
                return code
        log.debug("Unexpected error", exc_info=True)
        print(f"Unexpected error ({type(exc).__name__}: {exc}); BOT_LOG_LEVEL=DEBUG logs the details.",
              file=sys.stderr)
        return ExitCode.FAILED
