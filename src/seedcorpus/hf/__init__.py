"""Stage 4, Hugging Face: the typed schema, the builder and ``load_dataset``, Arrow, card, export.

Every module here but ``about`` and ``export`` imports ``datasets`` or ``pyarrow``; the package
itself stays light so ``import seedcorpus`` can reach ``export`` without loading them.
"""
