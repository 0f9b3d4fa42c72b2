"""Answers fans' questions about "All of Us Are Dead" from news articles, with verbatim quotes."""
