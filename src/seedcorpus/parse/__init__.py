"""Stage 1, one article: bytes to text to lines to sections to fields to an ``Article``.

Pure functions of one file's content; nothing here knows about folders, crawls or ``datasets``.
"""
