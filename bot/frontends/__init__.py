"""Front ends: the ways people reach the answers (the terminal CLI, the Discord bot)."""
