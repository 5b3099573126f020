"""Version strings: the package (which is also the parser's version) and the bundled corpus."""

__version__ = "0.1.0"
#: Version of the bundled seed files; bump when a seed is added, removed or replaced.
CORPUS_VERSION = "2026.11.1"
