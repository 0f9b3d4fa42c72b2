"""The answers layer: a question in, an `Answer` of verbatim quotes with citations out."""
