"""MkDocs hooks: pages whose content comes from the code, so the docs cannot drift from it.

A page holds a marker such as ``<!-- generated:schema -->``; the hook replaces it with the record
schema (from Pydantic's JSON Schema), the field table and datasheet (the same text the exported
dataset card carries), the defect catalogue, the command-line reference (from the argument
parser's own help) or the changelog (from ``CHANGELOG.md``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def schema_markdown() -> str:
    """Tables of every record field, then the full JSON Schema, from the Pydantic models."""
    from seedcorpus import Article

    schema = Article.model_json_schema()
    parts = []
    for title, model in [("Article", schema), *schema["$defs"].items()]:
        parts += [f"### {title}", "", model.get("description", ""), ""]
        if "enum" in model:
            parts += [", ".join(f"`{value}`" for value in model["enum"]), ""]
            continue
        parts += ["| field | type | description |", "|---|---|---|"]
        for name, field in model["properties"].items():
            parts.append(f"| `{name}` | {_type_of(field)} | {field.get('description', '')} |")
        parts.append("")
    parts += [
        "### JSON Schema",
        "",
        "```json",
        json.dumps(schema, indent=2, ensure_ascii=False),
        "```",
        "",
    ]
    return "\n".join(parts)


def _type_of(field: dict[str, Any]) -> str:
    """A short readable type for one JSON Schema property."""
    if "anyOf" in field:
        return " or ".join(_type_of(option) for option in field["anyOf"])
    if "$ref" in field:
        return field["$ref"].rsplit("/", 1)[-1]
    if field.get("type") == "array":
        return f"list of {_type_of(field['items'])}"
    if field.get("format") == "date-time":
        return "date-time"
    return str(field.get("type", "any"))


def cli_markdown() -> str:
    """The help text of the command and of every subcommand, as the parser prints it."""
    from seedcorpus.cli.main import build_parser

    os.environ["COLUMNS"] = "100"
    parser = build_parser()
    parts = ["```text", parser.format_help().rstrip(), "```", ""]
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        parts += [f"## `seedcorpus {name}`", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def changelog_markdown() -> str:
    """The changelog, without its own top-level title."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    return text.split("\n", 1)[1]


def seed_keywords_markdown() -> str:
    """A table of the seed's keyword links: adjacency and separation counts and the decision."""
    from seedcorpus import Corpus
    from seedcorpus.parse.keyword_evidence import follower
    from seedcorpus.parse.keywords import _text_links, core, gather_evidence, segment
    from seedcorpus.parse.normalize import match_key

    article = Corpus()["000_778974e6473988db"]
    tokens = (article.keywords_text or "").split(" ")
    keys = [match_key(t) for t in tokens]
    texts = [article.title, *article.body]
    evidence = gather_evidence(texts, keys)
    rows = ["| pair | adjacent | separated | decided by text and grammar |", "|---|---|---|---|"]
    _, links = _text_links(tokens, texts)
    for index, link in enumerate(links):
        a, b = tokens[index], tokens[index + 1]
        pair = (core(keys[index]), follower(keys[index + 1]))
        adjacent = evidence.adjacent.get(pair, 0)
        separated = evidence.separated.get(pair, 0)
        rows.append(f"| {a} · {b} | {adjacent} | {separated} | {link.value} |")
    phrases = " \\| ".join(segment(tokens, texts))
    return "\n".join([*rows, "", f"Result: {phrases}", ""])


def seed_teasers_markdown() -> str:
    """The seed's glued read-also lines and how they are split."""
    from seedcorpus import Corpus
    from seedcorpus.parse.read_also import split_glued, split_teaser

    article = Corpus()["000_778974e6473988db"]
    path = Corpus().path_of(article.id)
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    parts = []
    for line in lines:
        pieces = split_glued(line)
        if len(pieces) < 2:
            continue
        teaser = split_teaser(pieces[0])
        if teaser is None:
            continue
        parts += [
            f"- teaser title: {teaser.title}",
            f"- teaser lead: {teaser.body[0]}",
            f"- back into the host's body: {pieces[1][:80]} …",
            "",
        ]
    return "\n".join(parts)


def defects_markdown() -> str:
    """The defect catalogue: every code with its one-sentence description, from the code."""
    from seedcorpus.errors import DEFECT_DESCRIPTIONS

    rows = ["| code | meaning |", "|---|---|"]
    rows += [f"| `{code.value}` | {text} |" for code, text in DEFECT_DESCRIPTIONS.items()]
    return "\n".join(rows) + "\n"


def datasheet_markdown() -> str:
    """The bundled corpus's datasheet: the one file the exported dataset card also renders."""
    from seedcorpus.hf.card import datasheet_text

    return datasheet_text() + "\n"


def fields_markdown() -> str:
    """The record's field table, from the models' field descriptions (as in the dataset card)."""
    from seedcorpus.hf.card import field_table

    return field_table() + "\n"


GENERATORS = {
    "<!-- generated:defects -->": defects_markdown,
    "<!-- generated:datasheet -->": datasheet_markdown,
    "<!-- generated:fields -->": fields_markdown,
    "<!-- generated:seed-keywords -->": seed_keywords_markdown,
    "<!-- generated:seed-teasers -->": seed_teasers_markdown,
    "<!-- generated:schema -->": schema_markdown,
    "<!-- generated:cli -->": cli_markdown,
    "<!-- generated:changelog -->": changelog_markdown,
}


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_STRONG = re.compile("[A-Za-z\u00c0-\u024f\u0600-\u06ff\u0750-\u077f]")
_PRE = re.compile(r"<pre(?P<attrs>[^>]*)>(?P<body>.*?)</pre>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def mark_arabic_code_blocks(html: str) -> str:
    """Give every code block holding Arabic the `arabic` class and a direction.

    A block whose first strong character is Arabic reads right to left (`dir="rtl"`), so its
    lines start at the right and a long line never hides its start behind the scroll bar; a
    mixed block gets `dir="auto"`. The CSS (stylesheets/arabic.css) sets each line's own
    direction and wraps long lines.
    """

    def mark(match: re.Match[str]) -> str:
        text = _TAG.sub("", match.group("body"))
        if not _ARABIC.search(text):
            return match.group(0)
        first = _STRONG.search(text)
        direction = "rtl" if first and _ARABIC.match(first.group()) else "auto"
        attrs = match.group("attrs")
        if 'class="' in attrs:
            attrs = attrs.replace('class="', 'class="arabic ', 1)
        else:
            attrs += ' class="arabic"'
        return f'<pre{attrs} dir="{direction}">{match.group("body")}</pre>'

    return _PRE.sub(mark, html)


def on_page_content(html: str, **_: Any) -> str:
    """Mark Arabic code blocks after the page is rendered."""
    return mark_arabic_code_blocks(html)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace each generation marker on a page with its generated content."""
    for marker, generate in GENERATORS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, generate())
    return markdown
