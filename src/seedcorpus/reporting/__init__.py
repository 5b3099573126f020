"""A crawl at a glance: one self-contained HTML page of plots and tables (``seedcorpus report``).

May import the shared records, ``parse``, ``crawl`` and ``training``; never ``hf`` or ``cli``.
"""

from .build import report as report
