"""The bot's own sentences, shared by every front end so they all speak alike."""

from __future__ import annotations

from bot.answers.model import Answer, Outcome

ASK_ME = 'Ask me about the Netflix series "All of Us Are Dead": the cast, the crew, the story or its records.'

_NO_ANSWER = {
    Outcome.NOT_A_QUESTION: f"I couldn't find a question there. {ASK_ME}",
    Outcome.NOT_ENGLISH: f"The articles I know are in English, so please ask in English. {ASK_ME}",
    Outcome.NOT_IN_ARTICLES: (
        "The articles I know don't say. Try asking about the cast, the crew, the plot "
        "or the show's Netflix records."
    ),
}


def no_answer_message(answer: Answer) -> str:
    """The one line shown when the bot does not quote anything."""
    if answer.outcome is Outcome.NOT_IN_ARTICLES and answer.missing:
        return f"The articles I know don't say {answer.missing}. Try asking about someone they name."
    return _NO_ANSWER[answer.outcome]


def citation_line(number: int, label: str, date: str | None) -> str:
    """`[1] Title (2022-01-30)`: what every front end prints under the quotes."""
    return f"[{number}] {label}" + (f" ({date})" if date else "")


def about_line(work: str) -> str:
    """Said before quotes about another show than the series, so nobody takes them for this one's."""
    return f"About {work} (not All of Us Are Dead), the articles say:"
