"""`python -m seedcorpus`: the same command line as the `seedcorpus` script."""

from .cli.main import main

raise SystemExit(main())
