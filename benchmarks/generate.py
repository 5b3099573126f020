"""Write N synthetic articles in the seed format: realistic sizes, every section, teasers.

Words are drawn from the bundled seed, so the text looks like Arabic news to the parser (same
letters, clitics, punctuation). Deterministic for a given seed number.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
from pathlib import Path

SEED_TEXT = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
WORDS = sorted(
    {w for f in SEED_TEXT for w in re.findall(r"[\u0621-\u064a]{2,}", f.read_text("utf-8-sig"))}
)
SOURCES = ["صدى البلد", "مصراوي", "كونا", "وكالة الأنباء", "اليوم السابع"]
MONTHS = [datetime.date(2000, m, 1).strftime("%B") for m in range(1, 13)]  # C locale
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
HEADINGS = ["إقرأ أيضاً:", "اقرأ أيضاً:", "اقرأ أيضا:", "اقرأ ايضا"]


def words(rng: random.Random, low: int, high: int) -> str:
    """A run of random seed words."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def paragraph(rng: random.Random, low: int = 15, high: int = 60) -> str:
    """A sentence-like paragraph with a comma or two and a full stop."""
    text = words(rng, low, high).split(" ")
    for _ in range(rng.randint(0, 2)):
        text[rng.randrange(len(text))] += "،"
    return " ".join(text).rstrip("،") + "."


def article(rng: random.Random, scale: int = 1) -> str:
    """One article; ``scale`` multiplies the body, keyword and read-also sizes."""
    day = rng.randint(1, 28)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    body = [paragraph(rng) for _ in range(rng.randint(3, 9) * scale)]
    phrases = []
    for _ in range(rng.randint(3, 10) * scale):
        start = rng.choice(body).rstrip(".").replace("،", "").split(" ")
        at = rng.randrange(max(1, len(start) - 3))
        phrases.append(" ".join(start[at : at + rng.randint(1, 3)]))
    lines = [
        words(rng, 5, 12),
        f"تاريخ النشر: {day}{suffix}, {rng.choice(MONTHS)} {rng.randint(2015, 2025)} GMT",
        *body,
        f"المصدر: {rng.choice(SOURCES)}",
        "كلمات دلالية: " + " ".join(phrases),
    ]
    items = rng.randint(0, 4) * scale
    if items:
        lines.append(rng.choice(HEADINGS))
    for _ in range(items):
        lines.append(words(rng, 5, 14))
        related = [paragraph(rng) for _ in range(rng.randint(0, 5))]
        if len(related) >= 2 and rng.random() < 0.3:
            teaser = (
                f"{words(rng, 4, 10)} أعلنت {words(rng, 1, 3)}، {rng.choice(WEEKDAYS)}، "
                f"{words(rng, 8, 20)}."
            )
            related[1] = teaser + related[1]
        lines.extend(related)
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` article files into ``folder`` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for index in range(count):
        (folder / f"{index:07d}_{rng.getrandbits(32):08x}.txt").write_text(
            article(rng), encoding="utf-8"
        )
    return folder


def main() -> None:
    """Command line: ``python benchmarks/generate.py OUT N``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
