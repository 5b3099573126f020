"""The whole pipeline for one article: bytes or text in, a validated ``Article`` out.

Each step is a pure function of the previous step's output (decoding, sections, field parsers).
Lenient by default: every content problem becomes a ``Defect`` and any string gives an Article.
``strict=True`` raises the first problem as a ``ParseError`` instead.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from .dates import parse_date
from .decoding import clean_text, decode, split_lines
from .errors import CorpusError, DefectCode, ParseError
from .keywords import segment
from .models import Article, Defect, RelatedArticle
from .normalize import collapse_spaces
from .read_also import parse_read_also
from .sections import Sections, split_sections

#: Files larger than this are refused before reading (a news article is a few kB).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def parse_article(
    raw: str,
    *,
    id: str,
    strict: bool = False,
    path: str | None = None,
    known_phrases: Collection[tuple[str, ...]] = (),
) -> Article:
    """Parse one article's text; ``known_phrases`` are corpus-level keyword phrases (optional)."""
    text, defects = clean_text(raw)
    return _build(text, defects, id=id, strict=strict, path=path, known_phrases=known_phrases)


def parse_bytes(
    data: bytes,
    *,
    id: str,
    strict: bool = False,
    path: str | None = None,
    known_phrases: Collection[tuple[str, ...]] = (),
) -> Article:
    """Parse one article from its file bytes (UTF-8 with or without BOM, or UTF-16 with BOM)."""
    text, defects = decode(data)
    cleaned, more = clean_text(text)
    return _build(
        cleaned, defects + more, id=id, strict=strict, path=path, known_phrases=known_phrases
    )


def article_id(file: str) -> str:
    """An article's id: its file name without the extension (the one rule for ids)."""
    return os.path.splitext(os.path.basename(file))[0]


def parse_file(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known_phrases: Collection[tuple[str, ...]] = (),
) -> Article:
    """Read and parse one article file; its id is the file name without extension."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise CorpusError(f"{file}: no such article file; check the path") from None
    if size > max_bytes:
        raise CorpusError(
            f"{file}: {size} bytes is over the {max_bytes}-byte limit for one article; "
            "pass max_bytes= to raise it if the file is genuine"
        )
    return parse_bytes(
        file.read_bytes(),
        id=article_id(str(file)),
        strict=strict,
        path=str(file),
        known_phrases=known_phrases,
    )


def _build(
    text: str,
    defects: list[Defect],
    *,
    id: str,
    strict: bool,
    path: str | None,
    known_phrases: Collection[tuple[str, ...]],
) -> Article:
    """Run the section and field parsers over cleaned text and assemble the record."""
    sections = split_sections(split_lines(text))
    defects = defects + sections.defects
    title = sections.title.text if sections.title else ""
    body = [line.text for line in sections.body]

    published_at = None
    date_text = None
    if sections.date is not None:
        date_text = sections.date.value or None
        result = parse_date(sections.date.value)
        published_at = result.value
        if result.code is not None:
            defects.append(
                Defect(
                    code=result.code.value, message=result.reason, line=sections.date.line.number
                )
            )

    source = _source(sections, defects)

    keywords_text = None
    keywords: list[str] = []
    if sections.keywords is not None:
        keywords_text = collapse_spaces(sections.keywords.value)
        tokens = keywords_text.split(" ") if keywords_text else []
        keywords = segment(tokens, [title, *body], known_phrases)

    read_also: list[RelatedArticle] = []
    if sections.read_also is not None:
        if not sections.read_also_lines:
            defects.append(
                Defect(
                    code=DefectCode.EMPTY_READ_ALSO.value,
                    message="read-also heading with nothing after it",
                    line=sections.read_also.line.number,
                )
            )
        read_also, more = parse_read_also(sections.read_also_lines)
        defects.extend(more)

    if strict and defects:
        first = defects[0]
        raise ParseError(first.message, code=first.code, line=first.line, path=path or id)
    return Article(
        id=id,
        title=title,
        published_at=published_at,
        date_text=date_text,
        body=body,
        source=source,
        keywords=keywords,
        keywords_text=keywords_text,
        read_also=read_also,
        defects=defects,
    )


def _source(sections: Sections, defects: list[Defect]) -> str | None:
    """The source name, or None (with a defect when the label is there but empty)."""
    if sections.source is None:
        return None
    if not sections.source.value:
        defects.append(
            Defect(
                code=DefectCode.EMPTY_SOURCE.value,
                message="source label with no name after it",
                line=sections.source.line.number,
            )
        )
        return None
    return sections.source.value
