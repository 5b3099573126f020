"""The whole pipeline for one article: bytes or text in, a validated ``Article`` out.

Each step is a pure function of the previous step's output (decoding, sections, field parsers)
and reports problems through one ``DefectLog``. Lenient by default: every content problem
becomes a ``Defect`` and any input gives an Article. With ``ParseOptions(strict=True)`` the
defect with the earliest line is raised as a ``ParseError`` instead.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import errno
import os
import stat

from ..errors import CorpusError, DefectCode, too_big
from ..models import Article, KeywordEvidence, RelatedArticle
from ..options import ParseOptions, resolve
from .dates import parse_date
from .decoding import clean_text, decode, split_lines
from .defects import DefectLog
from .keywords import segment_keywords
from .lexicon import KeywordLexicon
from .normalize import collapse_spaces
from .read_also import parse_read_also
from .sections import Sections, split_sections

#: Bytes read at a time from an article file (a news article fits in one read).
_READ_CHUNK = 1 << 20


def parse_article(
    text: str,
    *,
    article_id: str,
    options: ParseOptions | None = None,
    strict: bool | None = None,
    path: str | None = None,
) -> Article:
    """Parse one article's text into a validated record.

    Args:
        text: the article file's text (already decoded).
        article_id: the record's id.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``: raise the earliest defect as ``ParseError``.
        path: the file name that ``ParseError`` messages show (the id when None).

    Returns:
        The record, with every content problem in ``defects`` (lenient mode).
    """
    log = DefectLog()
    cleaned = clean_text(text, log)
    return _build(cleaned, log, article_id, resolve(options, strict=strict), path)


def parse_bytes(
    data: bytes,
    *,
    article_id: str,
    options: ParseOptions | None = None,
    strict: bool | None = None,
    path: str | None = None,
) -> Article:
    """Parse one article from its file bytes (UTF-8 with or without BOM, or UTF-16).

    Args:
        data: the file's bytes; invalid or non-UTF-8 bytes are decoded and recorded.
        article_id: the record's id.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``: raise the earliest defect as ``ParseError``.
        path: the file name that ``ParseError`` messages show (the id when None).

    Returns:
        The record.
    """
    log = DefectLog()
    cleaned = clean_text(decode(data, log), log, decoded=True)
    return _build(cleaned, log, article_id, resolve(options, strict=strict), path)


def id_for(file: str, root: str | None = None, rule: str = "stem") -> str:
    """An article's id (the one rule for ids): the file stem, or its path under ``root``."""
    if rule == "relative" and root is not None:
        return os.path.relpath(os.path.splitext(file)[0], root).replace(os.sep, "/")
    name = file[file.rfind(os.sep) + 1 :]  # basename and splitext, cheaper for a million files
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def read_article_bytes(path: str, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes``, never blocking and never reading more.

    A FIFO, device or folder is refused (opened non-blocking, checked with ``fstat`` on the
    descriptor), and a file that grows past the limit while read is refused too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such article file; check the path") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CorpusError(f"{path}: symlink loop; remove or fix the link") from None
        raise CorpusError(f"{path}: cannot open ({exc.strerror}); check permissions") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise CorpusError(
                f"{path}: not a regular file (a FIFO, device or folder); only article files "
                "are read"
            )
        if status.st_size > max_bytes:
            raise too_big(path, status.st_size, max_bytes)
        # One read of the whole file (a byte more than its size): getting exactly its size is
        # the end, so the usual second, empty read is skipped. A file still growing is read on.
        wanted = min(status.st_size + 1, max_bytes + 1, _READ_CHUNK)
        first = os.read(fd, wanted)
        if len(first) == status.st_size < wanted:
            return first
        chunks: list[bytes] = [first]
        total = len(first)
        if total > max_bytes:
            raise too_big(path, total, max_bytes)
        while chunk := os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise too_big(path, total, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_file(
    path: str | os.PathLike[str],
    *,
    options: ParseOptions | None = None,
    strict: bool | None = None,
    article_id: str | None = None,
) -> Article:
    """Read and parse one article file.

    Args:
        path: the article file (a regular file of at most ``options.max_bytes``).
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``: raise the earliest defect as ``ParseError``.
        article_id: the record's id; by default the file name without extension.

    Returns:
        The record.

    Raises:
        CorpusError: the file is missing, not a regular file, or over the size limit.
        ParseError: in strict mode, the earliest content problem.
    """
    chosen = resolve(options, strict=strict)
    file = os.fspath(path)
    data = read_article_bytes(file, chosen.max_bytes)
    return parse_bytes(data, article_id=article_id or id_for(file), options=chosen, path=file)


def _build(
    text: str, log: DefectLog, article_id: str, options: ParseOptions, path: str | None
) -> Article:
    """Run the section and field parsers over cleaned text and assemble the record."""
    sections = split_sections(split_lines(text), log)
    title = sections.title.text if sections.title else ""
    body = [line.text for line in sections.body]

    published_at = None
    date_precision = None
    date_text = None
    if sections.date is not None:
        date_text = sections.date.value or None
        result = parse_date(sections.date.value, options.zone)
        published_at = result.value
        date_precision = result.precision
        if result.code is not None:
            log.report(result.code, result.reason, sections.date.line.number)

    source = _source(sections, log)

    keywords_text = None
    keywords: list[str] = []
    keyword_evidence: list[KeywordEvidence] = []
    if sections.keywords is not None:
        keywords_text = collapse_spaces(sections.keywords.value)
        tokens = keywords_text.split(" ") if keywords_text else []
        found = segment_keywords(
            tokens,
            [title, *body],
            known_phrases=options.known_phrases,
            title=title,
            lexicon=options.lexicon if isinstance(options.lexicon, KeywordLexicon) else None,
            source=source,
        )
        keywords, keyword_evidence = found.phrases, found.evidence

    read_also: list[RelatedArticle] = []
    if sections.read_also is not None:
        if not sections.read_also_lines:
            log.report(
                DefectCode.EMPTY_READ_ALSO,
                "read-also heading with nothing after it",
                sections.read_also.line.number,
            )
        read_also = parse_read_also(sections.read_also_lines, log)

    if options.strict:
        log.raise_earliest(path or article_id)
    return Article(
        id=article_id,
        title=title,
        published_at=published_at,
        date_precision=date_precision,
        date_text=date_text,
        body=body,
        source=source,
        keywords=keywords,
        keywords_text=keywords_text,
        keyword_evidence=keyword_evidence,
        read_also=read_also,
        defects=log.items,
    )


def _source(sections: Sections, log: DefectLog) -> str | None:
    """The source name, or None (with a defect when the label is there but empty)."""
    if sections.source is None:
        return None
    if not sections.source.value:
        line = sections.source.line.number
        log.report(DefectCode.EMPTY_SOURCE, "source label with no name after it", line)
        return None
    return sections.source.value
