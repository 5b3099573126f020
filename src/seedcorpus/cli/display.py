"""What the command line shows people: escaped text, an article, and corpus statistics.

Article files are untrusted: a title holding `ESC ]0;…BEL` would retitle the terminal, a newline
in a file name would break `list`'s columns and a bidi override (U+202E) would show a name
reversed, so every control character and bidi control is escaped.

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..models import Article

# C0 and C1 controls (tab, newline, ESC, BEL, ...) and DEL, shown as visible escapes; bidi
# controls (marks, embeddings, overrides, isolates) and line separators as \uXXXX; bytes of
# a name that is not UTF-8 (decoded as surrogate escapes) as \xNN.
_ESCAPES = (
    {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
    | {
        code: f"\\u{code:04x}"
        for code in (0x061C, 0x200E, 0x200F, *range(0x2028, 0x202F), *range(0x2066, 0x206A))
    }
    | {ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r"}
    | {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
)


def printable(text: str) -> str:
    """The text with every control and bidi character escaped, safe for a terminal and columns."""
    return text.translate(_ESCAPES)


def render(article: Article) -> str:
    """A readable plain-text view of an article, section by section (escaped)."""
    if article.published_at is not None:
        published = f"{article.published_at.isoformat()} ({article.date_precision})"
    elif article.date_text:
        published = f"- (written {article.date_text!r}; not read as a date, see defects)"
    else:
        published = "-"
    lines = [f"# {article.title}", f"id: {article.id}", f"published: {published}"]
    lines.append(f"source: {article.source or '-'}")
    lines.append("keywords: " + (" | ".join(article.keywords) or "-"))
    lines.append("")
    lines.extend(article.body)
    for item in article.read_also:
        lines.extend(["", f"## {item.title}", *item.body])
    for defect in article.defects:
        lines.append(f"! line {defect.line or '-'}: {defect.code.value}: {defect.message}")
    return "\n".join(printable(line) for line in lines) + "\n"


def summarize(articles: Iterable[Article], *, top: int = 10) -> dict[str, Any]:
    """Corpus statistics as a JSON-ready dict."""
    count = paragraphs = related = 0
    dates = []
    sources: Counter[str] = Counter()
    keywords: Counter[str] = Counter()
    defects: Counter[str] = Counter()
    for article in articles:
        count += 1
        paragraphs += len(article.body)
        related += len(article.read_also)
        if article.published_at:
            dates.append(article.published_at)
        if article.source:
            sources[article.source] += 1
        keywords.update(article.keywords)
        defects.update(d.code.value for d in article.defects)
    return {
        "articles": count,
        "body_paragraphs": paragraphs,
        "read_also_items": related,
        "first_date": min(dates).isoformat() if dates else None,
        "last_date": max(dates).isoformat() if dates else None,
        "top_sources": dict(sources.most_common(top)),
        "top_keywords": dict(keywords.most_common(top)),
        "defects": dict(sorted(defects.items())),
    }


def stats_table(summary: dict[str, Any]) -> str:
    """The statistics as aligned text for people (``--json`` gives the dict)."""
    rows = [
        ("articles", summary["articles"]),
        ("body paragraphs", summary["body_paragraphs"]),
        ("read-also items", summary["read_also_items"]),
        ("first date", summary["first_date"] or "-"),
        ("last date", summary["last_date"] or "-"),
    ]
    lines = [f"{name:<16} {value}" for name, value in rows]
    for title, counts in (
        ("top sources", summary["top_sources"]),
        ("top keywords", summary["top_keywords"]),
        ("defects", summary["defects"]),
    ):
        lines += ["", title]
        lines += [f"  {count:>6}  {printable(name)}" for name, count in counts.items()] or ["  -"]
    return "\n".join(lines) + "\n"
