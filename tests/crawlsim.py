"""Two seeded crawl simulators with known keyword phrases, to measure crawl-level keyword labels.

* ``shuffled_crawl``: one outlet's archive: a recurring tag vocabulary with Zipf popularity,
  most tags never mentioned by the article's own text, tags in shuffled order.
* ``ordered_crawl``: two outlets: one whose editors keep tags in a stable order (so pairs of
  separate tags recur side by side), one whose CMS tags single title words in title order.

Vocabularies are composed from word pools by ``vocabulary_seed``, articles drawn by ``seed``,
so a check can run on crawls (other seeds, other vocabularies) nothing was tuned on. Each
function writes the files and returns the gold phrases by article id. Deterministic.
Used by ``tests/test_lexicon.py`` and ``benchmarks/keyword_crawls.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

HEADS = [
    "وزير", "وزارة", "الرئيس", "رئيس", "بورصة", "كأس", "أسعار", "منتخب", "مجلس", "جامعة",
    "بنك", "شركة", "مطار", "نادي", "محافظ", "سفير", "قمة", "مهرجان", "معرض", "أزمة",
]  # fmt: skip
COMPLEMENTS = [
    "الخارجية", "الدفاع", "الصحة", "التعليم", "النفط", "الذهب", "الكهرباء", "الزراعة",
    "النواب", "الأمن", "الوزراء", "العالم", "الأمم", "الخليج", "القاهرة", "الرياض", "دبي",
    "الكويت", "مصر", "لبنان", "العراق", "الأردن", "تونس", "المغرب", "الجزائر", "السودان",
]  # fmt: skip
ADJECTIVES = [
    "الروسي", "الأمريكي", "المصري", "السعودي", "الفرنسي", "الصيني", "التركي", "الإيراني",
    "الاقتصادية", "السياحية", "الدولية", "الوطنية", "العربية", "الأوروبية", "الإقليمية",
]  # fmt: skip
NAMES = [
    "محمد صلاح", "فلاديمير بوتين", "جو بايدن", "دونالد ترامب", "إيمانويل ماكرون",
    "رجب طيب أردوغان", "عبد الفتاح السيسي", "محمد بن سلمان", "ليونيل ميسي", "كريستيانو رونالدو",
    "أنطونيو غوتيريش", "شي جين بينغ", "نجيب ساويرس", "عمرو دياب", "يسرا",
]  # fmt: skip
SINGLES = [
    "مصر", "السعودية", "الإمارات", "قطر", "روسيا", "أوكرانيا", "الصين", "كورونا", "التضخم",
    "الانتخابات", "الزلزال", "الفيضانات", "البطالة", "الاستثمار", "السياحة", "الرياضة",
    "غزة", "إسرائيل", "إيران", "تركيا", "فرنسا", "ألمانيا", "اليابان", "الهند",
]  # fmt: skip
LATIN = ["G20", "بلايستيشن 5", "أولمبياد باريس 2024", "كأس العالم 2026", "آيفون 15", "COP28"]
FILLER = (
    "قال أكد أعلن أوضح أشار في من على إلى عن مع أن إن الذي التي هذا هذه بعد قبل خلال أمس "
    "اليوم العام الماضي الجديد المقبل كبير عدد بين حول ضمن نحو مليون ألف نسبة المرحلة "
    "الحكومة المواطنين الأسواق القرار الاتفاق الملف الجانب الوضع الخطة المشروع الأزمة الدعم"
).split()
SOURCES = ["الشروق", "الوطن", "المدى", "الأيام", "الرأي", "النهار"]
HEAD = "تاريخ النشر: 2nd, November 2023 GMT"


def vocabulary(vocabulary_seed: int, size: int = 60) -> list[str]:
    """A tag vocabulary of ``size`` distinct phrases composed from the word pools.

    Heads recur across phrases (`وزير الخارجية`, `وزير الدفاع`), adjectives too
    (`الرئيس الروسي`, `الجيش الروسي`), beside names, single words and Latin or digit tags.
    """
    rng = random.Random(vocabulary_seed)
    phrases: set[str] = set()
    makers = [
        lambda: f"{rng.choice(HEADS)} {rng.choice(COMPLEMENTS)}",
        lambda: f"{rng.choice(HEADS)} {rng.choice(COMPLEMENTS)} {rng.choice(ADJECTIVES)}",
        lambda: (
            f"{rng.choice(['الرئيس', 'الجيش', 'الاقتصاد', 'المنتخب'])} " + rng.choice(ADJECTIVES)
        ),
        lambda: rng.choice(NAMES),
        lambda: f"{rng.choice(['الرئيس', 'النجم', 'الفنان'])} {rng.choice(NAMES)}",
        lambda: rng.choice(SINGLES),
        lambda: rng.choice(LATIN),
    ]
    weights = [5, 2, 3, 3, 1, 5, 1]
    while len(phrases) < size:
        phrases.add(rng.choices(makers, weights)[0]())
    ordered = sorted(phrases)
    rng.shuffle(ordered)
    return ordered


def _zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def _draw_tags(rng: random.Random, vocab: list[str], weights: list[float], k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        tag = rng.choices(vocab, weights)[0]
        if tag not in chosen and not any(_overlaps(tag, other) for other in chosen):
            chosen.append(tag)
    return chosen


def _overlaps(a: str, b: str) -> bool:
    """Whether two tags share a word (a strip rarely holds `مصر` and `بورصة مصر` together)."""
    return bool(set(a.split()) & set(b.split()))


def _sentence(rng: random.Random, mentions: list[str]) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(8, 16))]
    for phrase in mentions:
        at = rng.randrange(len(words) + 1)
        clitic = rng.choice(["", "", "", "و", "ب"])
        words.insert(at, clitic + phrase if not phrase[:1].isascii() else phrase)
    text = " ".join(words)
    return text + rng.choice(["،", "."]) + " " + " ".join(rng.choices(FILLER, k=5)) + "."


def _article(title: str, body: list[str], source: str, tags: list[str]) -> str:
    lines = [title, HEAD, *body, f"المصدر: {source}", "كلمات دلالية: " + " ".join(tags)]
    return "\n".join(lines) + "\n"


def shuffled_crawl(
    folder: Path,
    count: int,
    *,
    seed: int,
    vocabulary_seed: int,
    vocabulary_size: int = 60,
    mention_rate: float = 0.2,
) -> dict[str, list[str]]:
    """One outlet, Zipf-popular recurring tags in shuffled order, mostly absent from the text."""
    rng = random.Random(seed)
    vocab = vocabulary(vocabulary_seed, vocabulary_size)
    weights = _zipf_weights(len(vocab))
    source = rng.choice(SOURCES)
    gold: dict[str, list[str]] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        tags = _draw_tags(rng, vocab, weights, rng.randint(2, 7))
        mentioned = [t for t in tags if rng.random() < mention_rate]
        title = " ".join(rng.choices(FILLER, k=rng.randint(5, 9)))
        body = [_sentence(rng, mentioned if i == 0 else []) for i in range(rng.randint(2, 5))]
        article_id = f"s{seed}_{index:05d}"
        (folder / f"{article_id}.txt").write_text(
            _article(title, body, source, tags), encoding="utf-8"
        )
        gold[article_id] = tags
    return gold


def ordered_crawl(
    folder: Path,
    count: int,
    *,
    seed: int,
    vocabulary_seed: int,
    vocabulary_size: int = 50,
    mention_rate: float = 0.2,
) -> dict[str, list[str]]:
    """Two outlets: tags in a stable editorial order, and single title words in title order."""
    rng = random.Random(seed)
    vocab = vocabulary(vocabulary_seed, vocabulary_size)
    weights = _zipf_weights(len(vocab), 0.8)
    rank = {tag: position for position, tag in enumerate(rng.sample(vocab, len(vocab)))}
    ordered_source, words_source = rng.sample(SOURCES, 2)
    gold: dict[str, list[str]] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        article_id = f"o{seed}_{index:05d}"
        if rng.random() < 0.6:
            tags = sorted(_draw_tags(rng, vocab, weights, rng.randint(2, 6)), key=rank.__getitem__)
            mentioned = [t for t in tags if rng.random() < mention_rate]
            title = " ".join(rng.choices(FILLER, k=rng.randint(5, 9)))
            body = [_sentence(rng, mentioned if i == 0 else []) for i in range(rng.randint(2, 5))]
            text = _article(title, body, ordered_source, tags)
        else:
            topic = _draw_tags(rng, vocab, weights, 2)
            words = [rng.choice(FILLER) for _ in range(rng.randint(4, 7))]
            words[1:1] = topic[0].split()
            words.extend(topic[1].split())
            title = " ".join(words)
            picked = sorted(rng.sample(range(len(words)), rng.randint(3, min(6, len(words)))))
            tags = list(dict.fromkeys(words[i] for i in picked))
            body = [_sentence(rng, [topic[0]]), _sentence(rng, [])]
            text = _article(title, body, words_source, tags)
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        gold[article_id] = tags
    return gold


def keyword_f1(predicted: dict[str, list[str]], gold: dict[str, list[str]]) -> tuple[float, float]:
    """Micro-averaged phrase F1 (multisets, as ``tools/quality.py``) and the exact-article rate."""
    tp = fp = fn = exact = 0
    for article_id, expected in gold.items():
        got = predicted.get(article_id, [])
        hits = sum(min(got.count(p), expected.count(p)) for p in set(got))
        tp, fp, fn = tp + hits, fp + len(got) - hits, fn + len(expected) - hits
        exact += sorted(got) == sorted(expected)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, exact / max(1, len(gold))
