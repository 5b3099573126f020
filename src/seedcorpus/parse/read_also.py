"""Step 3c: the "read also" section: related items, including teaser cards spliced into a body.

Lines after the heading are headlines (no sentence-final punctuation) or paragraphs. A scrape can
also splice a teaser card (headline + one-sentence lead) into another item's paragraph, glued to
the host's next paragraph with no space after the full stop: `...العاصمة كييف.وشدد على أن ...`.
Glue points are found as sentence-final punctuation between two real words (two letters or more
on each side, so `د.أحمد` and `أ.ف.ب` do not count). The text before a glue point is split into
headline and lead at the lead's opening past-tense verb, found by scanning back from the lead's
weekday dateline (`، الثلاثاء،`). Each teaser becomes its own item, placed after its host item;
the continuation goes back into the host's body, in order. The reverse glue also occurs: a teaser
glued to the END of a host paragraph (`...في العاصمة.عنوان التيزر قال الوزير، الأحد، ...`) ends
its line; it is split out the same way, under stricter checks, since a continuation paragraph
sits in the same place.

List markers (`1- `, `2) `, `• `, `- `) before a read-also title are page layout, not title:
they are stripped from titles by policy. A paragraph keeps its text as written.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DefectCode
from ..models import RelatedArticle
from .decoding import Line
from .defects import DefectLog
from .normalize import CLOSERS, SENTENCE_END, ends_sentence, match_key

#: Lines longer than this many words are paragraphs even without final punctuation.
MAX_HEADLINE_WORDS = 25
#: A question or exclamation line this short, without a comma, is still a headline.
MAX_QUESTION_HEADLINE_WORDS = 14

_LETTER = "\u0621-\u064a"
_CLOSER = "[" + re.escape(CLOSERS) + "]"
# A glue point: a full stop (or ? !) with a letter, a letter or mark, and maybe a closing mark
# before it, and a real word right after it. Searched from the stop, which is rare, so a line
# is not tried letter by letter; the letters before it are checked at each stop found.
_GLUE_STOP = re.compile(rf"[.!?؟](?=[\"«“(]?[{_LETTER}]{{2}})")
_GLUE_BEFORE = re.compile(rf"[{_LETTER}][{_LETTER}\u064b-\u0652]{_CLOSER}?\Z")
#: A page's mark for a headline it cut short.
_CUT_SHORT = ("...", "…")
# A sentence end followed by a space: where a teaser's one-sentence lead ends inside a piece.
_SENTENCE_BREAK = re.compile(rf"[{re.escape(SENTENCE_END)}]{_CLOSER}*\s+")
_WEEKDAY = r"ال(?:[اأ]حد|[اأإ]ثنين|ثلاثاء|[اأ]ربعاء|خميس|جمع[ةه]|سبت)"
_DATELINE = re.compile(rf"[،,]\s*(?:(?:[اأ]مس|اليوم|يوم)\s+)?{_WEEKDAY}(?![{_LETTER}])")
_CLAUSE_BREAK = re.compile(r"[،,؛;.!?؟]")

# Opening verbs of news leads, spelling-folded (past tense, masculine stems; the feminine `ت`,
# dual `ا` and plural `وا` forms are derived). Weak-final verbs list their irregular forms.
_LEAD_VERB_STEMS = (
    "قال اكد اعلن كشف ذكر افاد اوضح اشار شدد اضاف دعا حذر طالب اعرب بحث استقبل التقي شهد سجل "
    "بدا وصل غادر اصدر نشر قرر وافق رفض اعتبر انطلق ارتفع انخفض تراجع اطلق قتل اصيب لقي توفي "
    "فاز خسر حقق عقد افتتح اختتم وقع اجري هاجم استهدف شن اسفر تمكن نجح امر ادان رحب ناقش تابع "
    "شارك نظم وجه اصبح بات عاد اندلع اجتمع استانف تسلم تعرض تعهد توقع اتهم ضبط حصل بلغ سقط اقر "
    "انهي اعتقل استشهد وصف رصد حصد فتح اغلق منح اختار عين صادق كرم تجاوز هبط صعد زاد قفز توج "
    "تعادل هزم احرز ودع شيع رحل غيب نفذ ارسل زار تفقد افتتح دشن حسم اكتسح"
).split()
_IRREGULAR_LEAD_VERBS = (
    "نفي نفت دعت اجرت تلقي تلقت القي القت ادلي ادلت ابدي ابدت انتهي انتهت الغي الغت اعطي اعطت "
    "نعي نعت راي رات اجري اجرت ابقي ابقت"
).split()
_LEAD_VERBS = frozenset(
    [form for stem in _LEAD_VERB_STEMS for form in (stem, stem + "ت", stem + "وا", stem + "ا")]
    + _IRREGULAR_LEAD_VERBS
)

#: A question headline may front a short phrase before one comma (`بعد الخسارة، هل يرحل المدرب؟`);
#: the clause after the comma then opens with one of these (spelling-folded).
_INTERROGATIVES = frozenset("هل ما ماذا لماذا لما كيف متي اين من كم اي ايهما ايه لمن بماذا".split())
#: Words with which prose, not a headline, opens: verbs of asking, and function words that only
#: continue a text (`وفي`, `لكن`). Checked after one `و`/`ف` proclitic is removed.
_ASKING_VERBS = frozenset("تساءل تساءلت يتساءل سال سالت".split())
_CONTINUATIONS = frozenset("لكن لكنه كما اما حيث الا ثم اذ اذا لذلك بينما".split())
#: Words a headline may open with (`بعد …، هل …؟`) but prose opens with after `و`/`ف` (`وبعد`).
_CONJOINED_OPENERS = frozenset("في مع بعد قبل من علي عن الي ان لو هذا هذه ذلك".split())
_PROSE_OPENERS = _LEAD_VERBS | _ASKING_VERBS | _CONTINUATIONS
#: Longest question headline with a fronted phrase and a comma, in words.
MAX_FRONTED_QUESTION_WORDS = 20
#: A teaser glued to the end of a paragraph needs a headline of at least this many words, and
#: its lead's dateline within this many words of the lead verb (`قالت وزارة الخارجية، الثلاثاء،`).
MIN_END_TEASER_TITLE_WORDS = 4
MAX_END_TEASER_DATELINE_WORDS = 10
#: Words a headline never ends with: they need what follows (`التي`, `أن`, `في`), spelling-folded.
_DANGLING = frozenset(
    "الذي التي الذين اللذين اللتين اللاتي ان لان بان كان في من علي عن الي مع بعد قبل حتي ثم او "
    "ام بين عند منذ خلال لكن و ف ب ل ك".split()
)

# A list marker before a read-also title: a bullet, a dash, or a number with `-`, `)` or `.`.
# Bullets are symbols (arrows, geometric shapes, dingbats, emoji: `•`, `◀`, `📌`) or `*`; a
# number (Western, Eastern or Persian digits, or one Arabic letter) needs `-`, `ـ`, `)` or `.`.
_BULLET = "*\u2022\u2023\u2043\u00b7\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff"
_LIST_MARKER = re.compile(
    rf"(?:[{_BULLET}]\ufe0f?\s*"
    r"|[-–—]\s+"
    r"|\(?[0-9٠-٩۰-۹]{1,2}\s*[-–—ـ).]\s*(?=[^\s0-9٠-٩۰-۹])"
    r"|[\u0621-\u064a]\s?[-–)]\s+)"
)


@dataclass
class _Item:
    """A related item being built, with the teasers found inside its body."""

    title: str
    body: list[str] = field(default_factory=list)
    teasers: list[RelatedArticle] = field(default_factory=list)


def parse_read_also(lines: list[Line], log: DefectLog) -> list[RelatedArticle]:
    """Turn the lines after the read-also heading into items, repairing spliced teaser cards."""
    items: list[_Item] = []

    def host(line: Line) -> _Item:
        if not items:
            log.report(
                DefectCode.READ_ALSO_UNTITLED,
                "read-also paragraph before any headline; kept in an item whose title is empty",
                line.number,
            )
            items.append(_Item(title=""))
        return items[-1]

    for line in lines:
        pieces = split_glued(line.text)
        if len(pieces) == 1:
            title = strip_list_marker(line.text)
            if is_headline(title):
                items.append(_Item(title=title))
            else:
                host(line).body.append(line.text)
            continue
        end_teasers = split_end_teasers(pieces[-1])
        for piece in pieces[:-1]:
            teasers = split_teasers(strip_list_marker(piece))
            if teasers:
                host(line).teasers.extend(teasers)
                continue
            if _DATELINE.search(piece):
                log.report(
                    DefectCode.TEASER_UNSPLIT,
                    "glued text with a dateline but no lead verb; kept as a paragraph",
                    line.number,
                )
            host(line).body.append(piece)
        if end_teasers:
            host(line).teasers.extend(end_teasers)
        else:
            host(line).body.append(pieces[-1])
    out: list[RelatedArticle] = []
    for item in items:
        out.append(RelatedArticle(title=item.title, body=item.body))
        out.extend(item.teasers)
    return out


def is_headline(text: str) -> bool:
    """Whether a read-also line is a headline rather than a paragraph.

    A headline has no sentence-final full stop; it may hold a colon, end in a question or
    exclamation mark (short, no comma, or a fronted phrase and one comma before the question:
    `بعد …، هل …؟`), or end in `...`/`…` where the page cut it short (no sentence break before
    the cut).
    """
    words = text.count(" ") + 1
    if words > MAX_HEADLINE_WORDS:
        return False
    if not ends_sentence(text):
        return True
    stripped = text.rstrip(CLOSERS + " ")
    if stripped.endswith(_CUT_SHORT):
        return _SENTENCE_BREAK.search(stripped.rstrip(".…")) is None
    if stripped[-1] not in "?؟!":
        return False
    if "،" not in text and "," not in text:
        return words <= MAX_QUESTION_HEADLINE_WORDS
    return words <= MAX_FRONTED_QUESTION_WORDS and is_fronted_question(stripped)


def is_fronted_question(text: str) -> bool:
    """Whether a question is a headline with a fronted phrase: `بعد الخسارة، هل يرحل المدرب؟`.

    One comma; the clause after it opens with an interrogative; the phrase before it is no
    sentence of prose (it does not open with a verb of saying or asking, or with a word that only
    continues a text, such as `وفي` or `لكن`).
    """
    parts = re.split(r"[،,]", text)
    if len(parts) != 2 or _SENTENCE_BREAK.search(parts[0]):
        return False
    fronted, question = parts[0].split(), parts[1].rstrip("?؟! ").split()
    if not fronted or not question or opens_prose(fronted[0]):
        return False
    # The interrogative opens the question or closes it (`الأهلي إلى أين؟`, `ماذا بعد؟`).
    return any(_is_interrogative(word) for word in {question[0], *question[-2:]})


def _is_interrogative(word: str) -> bool:
    """Whether a word is an interrogative, with or without a `و`/`ف` proclitic (`وهل`)."""
    key = match_key(word)
    return key in _INTERROGATIVES or (key[:1] in "وف" and key[1:] in _INTERROGATIVES)


def opens_prose(word: str) -> bool:
    """Whether a first word opens a sentence of prose rather than a headline.

    Verbs of saying and asking (`قال`, `وتساءل`) and function words that continue a text (`وفي`,
    `لكن`), with or without one `و`/`ف` proclitic.
    """
    key = match_key(word)
    if key in _PROSE_OPENERS or key in ("و", "ف"):
        return True
    bare = key[1:]
    return (
        key[:1] in "وف" and len(bare) > 1 and (bare in _PROSE_OPENERS or bare in _CONJOINED_OPENERS)
    )


def strip_list_marker(text: str) -> str:
    """A title without its list marker (`1- `, `2) `, `• `, `- `): the marker is layout."""
    found = _LIST_MARKER.match(text)
    if found is None or found.end() == len(text):
        return text
    return text[found.end() :]


def split_end_teasers(text: str) -> list[RelatedArticle]:
    """Teaser cards glued to the end of a paragraph (`...الفقرة.عنوان قال الوزير، الأحد، ...`).

    The text after the last glue point is a host's continuation as often as a teaser, so the
    checks are stricter than for a teaser that opens a line. Every card (one, or several back to
    back) needs a headline (``is_headline``) of at least ``MIN_END_TEASER_TITLE_WORDS`` words,
    without a comma, that does not open like prose nor end in a word that needs more (`التي`,
    `في`); and a one-sentence lead whose weekday dateline comes within
    ``MAX_END_TEASER_DATELINE_WORDS`` words of its verb. The last lead ends the text. Empty when
    any card fails a check.
    """
    if not _DATELINE.search(text) or not ends_sentence(text):
        return []
    teasers = split_teasers(text)
    for teaser in teasers:
        title = teaser.title.split(" ")
        lead = teaser.body[0]
        if len(title) < MIN_END_TEASER_TITLE_WORDS or opens_prose(title[0]):
            return []
        if not is_headline(teaser.title) or match_key(title[-1]) in _DANGLING:
            return []
        if "،" in teaser.title or "," in teaser.title or _SENTENCE_BREAK.search(lead):
            return []
        dateline = _DATELINE.search(lead)
        if dateline is None or lead.count(" ", 0, dateline.start()) > MAX_END_TEASER_DATELINE_WORDS:
            return []
    return teasers


def split_glued(text: str) -> list[str]:
    """Split a line at glue points (a full stop with a real word right after it, no space)."""
    pieces: list[str] = []
    start = 0
    for found in _GLUE_STOP.finditer(text):
        if _GLUE_BEFORE.search(text, max(start, found.start() - 3), found.start()):
            pieces.append(text[start : found.end()])
            start = found.end()
    pieces.append(text[start:])
    return pieces


def split_teasers(text: str) -> list[RelatedArticle]:
    """Split one or more teaser cards written back to back (`headline lead. headline lead.`).

    Empty when the text does not start with a teaser. A lead is one sentence: text after it is
    the next teaser when it splits as one, else it stays in the lead.
    """
    first = split_teaser(text)
    if first is None:
        return []
    lead = first.body[0]
    for found in _SENTENCE_BREAK.finditer(lead):
        rest = split_teasers(lead[found.end() :])
        if rest:
            head = RelatedArticle(title=first.title, body=[lead[: found.end()].rstrip()])
            return [head, *rest]
    return [first]


def split_teaser(text: str) -> RelatedArticle | None:
    """Split `headline lead.` into a teaser item, or None when no lead verb can be found."""
    words = text.split(" ")
    anchor = _DATELINE.search(text) or _CLAUSE_BREAK.search(text)
    if anchor is None:
        return None
    anchor_word = text.count(" ", 0, anchor.start())
    # The lead verb is at index 2 or later (a headline has two words at least), at or before
    # the dateline, and the headline before it holds no sentence break.
    for i in range(min(anchor_word, _first_sentence_end(words)), 1, -1):
        if match_key(words[i]) in _LEAD_VERBS:
            title = " ".join(words[:i]).strip()
            lead = " ".join(words[i:]).strip()
            if title and lead:
                return RelatedArticle(title=title, body=[lead])
    return None


def _first_sentence_end(words: list[str]) -> int:
    """Index of the first word that ends a sentence (len(words) when none does)."""
    for i, word in enumerate(words):
        if ends_sentence(word):
            return i
    return len(words)
