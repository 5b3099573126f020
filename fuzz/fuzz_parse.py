"""Coverage-guided fuzz target for ``parse_bytes`` and ``parse_file``.

Runs under atheris (libFuzzer flags pass through, e.g. ``-max_total_time=60``); where atheris is
not installed it falls back to hypothesis' own fuzzing for ``--seconds`` seconds. A crash is any
exception other than ``ParseError`` from strict parsing, or any exception at all from lenient
parsing, or a record that does not survive a JSON round trip.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import random
import sys
import tempfile
import time
from pathlib import Path

_SCRATCH = Path(tempfile.mkdtemp(prefix="seedcorpus-fuzz-")) / "input.txt"


def check(data: bytes) -> set[str]:
    """The fuzzed property: lenient never raises, strict raises only ParseError, JSON round trip.

    Returns the defect codes the input produced (so a seed corpus can be checked for coverage).
    """
    import seedcorpus

    article = seedcorpus.parse_bytes(data, article_id="fuzz")
    assert seedcorpus.Article.model_validate_json(article.model_dump_json()) == article
    with contextlib.suppress(seedcorpus.ParseError):
        seedcorpus.parse_bytes(data, article_id="fuzz", strict=True)
    # The same bytes as text with undecodable bytes kept as lone surrogates (as file names and
    # some readers hand them over): the text entry point must hold too.
    text = seedcorpus.parse_article(data.decode("utf-8", "surrogateescape"), article_id="fuzz")
    assert seedcorpus.Article.model_validate_json(text.model_dump_json()) == text
    _SCRATCH.write_bytes(data)
    assert seedcorpus.parse_file(_SCRATCH) == article.model_copy(update={"id": _SCRATCH.stem})
    return {d.code.value for d in (*article.defects, *text.defects)}


def _hypothesis_fallback(seconds: float, crash_dir: Path) -> int:
    """Fuzz with hypothesis' ``fuzz_one_input`` for a while when atheris is unavailable."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    last: list[bytes] = []

    @settings(database=None, deadline=None)
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        last[:] = [data]
        check(data)

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            run.hypothesis.fuzz_one_input(  # type: ignore[attr-defined]  # set by @given
                random.randbytes(random.randint(0, 8192))
            )
        except Exception:
            crash_dir.mkdir(parents=True, exist_ok=True)
            (crash_dir / f"crash-hypothesis-{int(time.time())}").write_bytes(last[0])
            raise
    return 0


def main(argv: list[str]) -> int:
    """Fuzz with atheris when it is installed, else with hypothesis."""
    try:
        import atheris
    except ImportError:
        seconds = float(next((a.split("=")[1] for a in argv if a.startswith("--seconds=")), 10))
        prefix = next((a.split("=", 1)[1] for a in argv if a.startswith("-artifact_prefix=")), "")
        return _hypothesis_fallback(seconds, Path(prefix or "tests/fuzz_crashes/"))
    # `import seedcorpus` loads its modules lazily (on first use), so the parser's modules are
    # imported here, inside the block: only modules imported in it get coverage feedback.
    with atheris.instrument_imports(include=["seedcorpus"]):
        import seedcorpus.parse

        for module in pkgutil.iter_modules(seedcorpus.parse.__path__):
            importlib.import_module(f"seedcorpus.parse.{module.name}")
        importlib.import_module("seedcorpus.models")
    atheris.Setup([a for a in argv if not a.startswith("--seconds=")], check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
