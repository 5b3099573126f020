r"""JSON lines that are safe to show: what ``export`` writes to files and standard output.

JSON leaves C1 controls, DEL and bidi controls raw; from an untrusted crawl they would rewrite a
terminal showing ``export -`` or reverse a name (U+202E). Written as ``\u`` escapes they are still
valid JSON and decode to the same text, so nothing is lost.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

#: The OUT that means standard output.
STDOUT = "-"

# Characters that JSON leaves raw but that rewrite a terminal (C1 controls, DEL, bidi controls,
# line separators), written as \uXXXX instead: still valid JSON, decoding to the same text.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (
        0x7F,
        *range(0x80, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x2028, 0x202F),
        *range(0x2066, 0x206A),
    )
}


def terminal_safe_json(line: str) -> str:
    """A JSON text with every terminal-rewriting character escaped (the same JSON value)."""
    return line.translate(_JSON_ESCAPES)
