"""The knowledge layer: articles parsed from `seeds/`, passages, the FAISS + lexical index, facts."""
