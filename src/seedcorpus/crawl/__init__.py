"""Stage 2, a crawl: finding article files (folders, globs, URLs, paths files), ids, shards.

Builds on ``parse`` to read every file of a crawl; knows nothing of ``datasets`` or training.
"""
