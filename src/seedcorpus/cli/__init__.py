"""Stage 5, the command line: arguments, display and the demo over the library's public API."""
