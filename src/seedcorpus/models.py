"""The record types: frozen Pydantic v2 models for an article, its related items and defects."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Record(BaseModel):
    """Shared configuration: immutable, no unknown fields, strings kept exactly as given."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Defect(_Record):
    """One content problem found while parsing: a code from ``DefectCode``, a message, a line."""

    code: str
    message: str
    line: Annotated[int, Field(ge=1)] | None = None


class RelatedArticle(_Record):
    """One item of the "read also" section: a headline and the paragraphs shown under it."""

    title: str
    body: list[str] = Field(default_factory=list)


class Article(_Record):
    """One parsed news article; every field but ``defects`` comes from the file's text."""

    id: Annotated[str, Field(min_length=1)]
    title: str
    published_at: datetime | None = None
    date_text: str | None = None
    body: list[str] = Field(default_factory=list)
    source: str | None = None
    keywords: list[str] = Field(default_factory=list)
    keywords_text: str | None = None
    read_also: list[RelatedArticle] = Field(default_factory=list)
    defects: list[Defect] = Field(default_factory=list)

    @field_validator("published_at")
    @classmethod
    def _aware_utc(cls, value: datetime | None) -> datetime | None:
        """Accept only timezone-aware instants and store them in UTC, so equal instants compare."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("published_at must be timezone-aware")
        return value.astimezone(timezone.utc)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.body)

    @property
    def ok(self) -> bool:
        """Whether the article parsed without any defect."""
        return not self.defects
