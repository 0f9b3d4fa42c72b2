"""The replies layer: an `Answer` rendered for a terminal, for JSON, or for Discord."""
