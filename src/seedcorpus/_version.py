"""Version strings: the package (which is also the parser's version) and the bundled corpus."""

__version__ = "0.2.0"
#: Version of the record format (the fields of ``Article`` and their meaning); part of every
#: dataset cache key. 2: ``date_precision``, and a date with no clock time keeps its UTC day.
FORMAT_VERSION = 2
#: Version of the bundled seed files; bump when a seed is added, removed or replaced.
CORPUS_VERSION = "2026.11.1"
