"""The record types: frozen Pydantic v2 models for an article, its related items and defects."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator, model_validator

from .errors import DefectCode

#: A defect code: a ``DefectCode`` in Python, its plain string value in rows and JSON.
Code = Annotated[DefectCode, PlainSerializer(lambda code: code.value, return_type=str)]


class KeywordEvidence(str, Enum):
    """What a keyword phrase's boundaries rest on (``Article.keyword_evidence``).

    ``text``: the article's own title and body (or a delimiter in the tag line); ``crawl``: the
    crawl's other tag strips (``KeywordLexicon``) or phrases other articles settle; ``guess``:
    nothing but a grammatical prior. Filter on ``guess`` to keep only evidenced phrases.
    """

    TEXT = "text"
    CRAWL = "crawl"
    GUESS = "guess"


#: A keyword evidence mark: the enum in Python, its plain string value in rows and JSON.
Evidence = Annotated[KeywordEvidence, PlainSerializer(lambda mark: mark.value, return_type=str)]


class _Record(BaseModel):
    """Shared configuration: immutable, no unknown fields, strings kept exactly as given."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True
    )


class Defect(_Record):
    """One content problem found while parsing: a code from ``DefectCode``, a message, a line."""

    code: Code = Field(description="Defect code from the documented catalogue (DefectCode).")
    message: str = Field(description="What went wrong and what the record holds instead.")
    line: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="1-based line in the file, or null for file-level problems."
    )


class RelatedArticle(_Record):
    """One item of the "read also" section: a headline and the paragraphs shown under it."""

    title: str = Field(description="The related item's headline.")
    body: list[str] = Field(
        default_factory=list, description="Its paragraphs (a teaser card's lead, or none)."
    )


class Article(_Record):
    """One parsed news article; every field but ``defects`` comes from the file's text."""

    id: Annotated[str, Field(min_length=1)] = Field(
        description="The article id: the file name without `.txt` (or its path under the crawl "
        "root, with the `relative` id rule)."
    )
    title: str = Field(description="The headline: the first non-blank line.")
    published_at: datetime | None = Field(
        default=None,
        description="Publish date and time, timezone-aware UTC; null when missing, unknown or "
        "impossible. A date with no clock time is 00:00 UTC on its calendar day.",
    )
    date_precision: Literal["day", "minute", "second"] | None = None
    date_text: str | None = Field(default=None, description="The date exactly as written.")
    body: list[str] = Field(default_factory=list, description="Body paragraphs, one per line.")
    source: str | None = Field(default=None, description="The source named after `المصدر:`.")
    keywords: list[str] = Field(
        default_factory=list, description="Keyword phrases recovered from the flattened tag line."
    )
    keywords_text: str | None = Field(
        default=None,
        description="The tag line as written; the phrases joined by spaces (less `#` marks).",
    )
    keyword_evidence: list[Evidence] = Field(
        default_factory=list,
        description="What each keyword phrase rests on, one per phrase: `text` (the article), "
        "`crawl` (other articles' tag strips) or `guess` (no evidence: filter these out).",
    )
    read_also: list[RelatedArticle] = Field(
        default_factory=list, description="Related items, spliced teaser cards separated."
    )
    defects: list[Defect] = Field(
        default_factory=list, description="Content problems found while parsing."
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_text_column(cls, data: Any) -> Any:
        """Accept a row with the optional ``text`` column: it is derived, so it is dropped."""
        if isinstance(data, dict) and "text" in data:
            data = {key: value for key, value in data.items() if key != "text"}
        return data

    @field_validator("published_at")
    @classmethod
    def _aware_utc(cls, value: datetime | None) -> datetime | None:
        """Accept only timezone-aware instants and store them in UTC, so equal instants compare."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("published_at must be timezone-aware")
        return value.astimezone(timezone.utc)

    @model_validator(mode="after")
    def _one_mark_per_phrase(self) -> Article:
        """A record with evidence marks has exactly one per keyword phrase."""
        if self.keyword_evidence and len(self.keyword_evidence) != len(self.keywords):
            raise ValueError("keyword_evidence needs one mark per keyword phrase")
        return self

    @property
    def text(self) -> str:
        """The article as one string for language modelling: title, then body paragraphs.

        Parts are separated by a blank line; this is the optional ``text`` column of rows.
        """
        return "\n\n".join([self.title, *self.body] if self.title else self.body)

    @property
    def ok(self) -> bool:
        """Whether the article parsed without any defect."""
        return not self.defects


# `date_precision` is declared on one bare line (other code declares it the same way); its
# description is set here, before the deferred schema is built, so every schema carries it.
Article.model_fields["date_precision"].description = (
    "How much of `published_at` the text gave: `day` (a date with no clock time), `minute` or "
    "`second`; null exactly when `published_at` is."
)
