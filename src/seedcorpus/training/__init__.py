"""Stage 3, training: stable splits, near-duplicate detection and read-also links over a crawl.

Builds on ``crawl``; only ``selection`` imports ``datasets``, and only the HF layer imports it.
"""
