"""The single version string of seedcorpus (package, parser and exports share it)."""

__version__ = "0.1.0"
