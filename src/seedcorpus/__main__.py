"""`python -m seedcorpus`: the same command line as the `seedcorpus` script."""

from .cli import main

raise SystemExit(main())
