"""Times the social-signals core: scoring (TextBlob for English, the Polish and Hebrew lexicon scorers, language
detection) and keyword matching (mentions/s), and what one detection pass costs for a topic with a day of history
at 300 and at 30,000 mentions a day.

The Polish and Hebrew posts are drawn from some 20,000 distinct words: those of the tuning halves of the
evaluation set (tests/signals/data/*_tuning.tsv) and random inflections of them (endings, Hebrew prefixes), so
that, as in real traffic, many words are new to the scorers' caches (half the words of a post are the tuning
half's own, half from the whole vocabulary). Each is timed "cold" (the word caches
emptied first: every word stemmed and looked up anew) and "warm" (the same posts again).

Run from the project root:  python benchmarks/bench_signal_detection.py
The ingestion benchmark (HTTP, storage) is benchmarks/bench_mentions_ingest.py.
"""
from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import per_second, timed  # noqa: E402
from escalation.signals.detection import evaluate, history_needed, pulse, recovered  # noqa: E402
from escalation.signals.keywords import KeywordMatcher  # noqa: E402
from escalation.signals.rules import Topic  # noqa: E402
from escalation.signals.scoring import score  # noqa: E402
from escalation.signals.sentiment import hebrew as hebrew_scorer  # noqa: E402
from escalation.signals.sentiment import polish as polish_scorer  # noqa: E402
from escalation.signals.sentiment import stemming, warm  # noqa: E402
from escalation.signals.sentiment.words import is_word, tokens  # noqa: E402
from tests.signals.synthetic import stream  # noqa: E402

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a busy afternoon
CRISIS_KEYWORDS = {"en": ["boycott", "scam", "fraud", "data breach", "recall"],
                   "pl": ["bojkot", "oszust*", "kłamstwo", "wyciek danych", "pozew"]}
ENGLISH = ("the new Acme phone arrived today and honestly the battery is terrible I want a refund this feels "
           "like a scam great camera though love the screen support never answered my email worst service "
           "ever thanks for the quick fix really happy with the update delivery was late again").split()
ENDINGS = ("a", "u", "y", "i", "em", "om", "ie", "ów", "ami", "ach", "ego", "emu", "ej", "ą", "ę", "ych", "ymi",
           "ość", "owy", "ował", "uje", "ają", "ała", "ali", "cie", "nie")
HEBREW_PREFIXES, HEBREW_ENDINGS = "והבלמשכ", ("", "ים", "ות", "ה", "ת")
DISTINCT = 20_000


def tuning_words(language: str) -> list[str]:
    lines = (ROOT / "tests" / "signals" / "data" / f"eval_{language}_tuning.tsv").read_text("utf-8").splitlines()
    posts = [line.split("\t", 1)[1] for line in lines if line.strip() and not line.startswith("#")]
    return sorted({token for post in posts for token in tokens(post) if is_word(token)})


def vocabulary(rng: random.Random, language: str) -> list[str]:
    """The tuning half's words, then random inflections of them until there are DISTINCT words."""
    words = tuning_words(language)
    found = dict.fromkeys(words)
    while len(found) < DISTINCT:
        word = rng.choice(words)
        if language == "pl":
            kept = len(word) - rng.randint(0, max(0, min(2, len(word) - 2)))  # an ending taken off, another put on
            found[word[:kept] + rng.choice(ENDINGS)] = None
        else:
            prefixes = "".join(rng.choices(HEBREW_PREFIXES, k=rng.randint(0, 2)))
            found[prefixes + word + rng.choice(HEBREW_ENDINGS)] = None
    return list(found)


def texts(rng: random.Random, words: list[str], count: int, common: int = 0) -> list[str]:
    """Posts of 8 to 40 words, about the length of a tweet or a short review; half the words from the first
    `common` words (the tuning half's own) when that is given."""
    def word() -> str:
        return rng.choice(words[:common] if common and rng.random() < 0.5 else words)
    return [" ".join(word() for _ in range(rng.randint(8, 40))) for _ in range(count)]


def rss_mb() -> float:
    """This process's resident memory (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def forget() -> None:
    """Empty every word cache of the Polish and Hebrew scorers and keyword matching."""
    stemming._stem.cache_clear()
    stemming._polish_keyword_forms.cache_clear()
    stemming._hebrew_forms.cache_clear()
    polish_scorer.language().seen.clear()
    hebrew_scorer.language().seen.clear()


def cold_and_warm(name: str, function, posts: list[str]) -> None:
    """One pass with every cache empty, then the same pass again."""
    forget()
    rates = []
    for _ in range(2):
        started = time.perf_counter()
        for post in posts:
            function(post)
        rates.append(len(posts) / (time.perf_counter() - started))
    print(f"{name:26}{rates[0]:10,.0f} mentions/s cold ({1e6 / rates[0]:,.0f} µs each), "
          f"{rates[1]:,.0f}/s warm ({1e6 / rates[1]:,.0f} µs)")


def main() -> None:
    rng = random.Random(2026)
    english = texts(rng, ENGLISH, 2000)
    polish_words, hebrew_words = vocabulary(rng, "pl"), vocabulary(rng, "he")
    polish = texts(rng, polish_words, 2000, common=len(tuning_words("pl")))
    hebrew = texts(rng, hebrew_words, 2000, common=len(tuning_words("he")))
    print(f"python {sys.version.split()[0]}; Polish and Hebrew posts drawn from {len(polish_words):,} and "
          f"{len(hebrew_words):,} distinct words")
    started = time.perf_counter()
    score(english[0], "en", None)
    print(f"first TextBlob score      {(time.perf_counter() - started) * 1000:10,.0f} ms       (imports nltk)")
    rate = per_second(lambda text: score(text, "en", None), english)
    print(f"score, English (TextBlob) {rate:10,.0f} mentions/s  ({1e6 / rate:,.0f} µs each)")
    memory, started = rss_mb(), time.perf_counter()
    polish_scorer.language()
    print(f"first Polish scorer       {(time.perf_counter() - started) * 1000:10,.0f} ms       (loads the stemming "
          f"table, stems the lexicon: +{rss_mb() - memory:,.0f} MB resident)")
    memory, started = rss_mb(), time.perf_counter()
    warm(["pl", "he"])
    print(f"warm(pl, he), then        {(time.perf_counter() - started) * 1000:10,.0f} ms       (the Hebrew lexicon, "
          f"py3langid's model: +{rss_mb() - memory:,.0f} MB resident)")
    cold_and_warm("score, Polish (lexicon)", lambda text: score(text, "pl", None), polish)
    cold_and_warm("score, Hebrew (lexicon)", lambda text: score(text, "he", None), hebrew)
    cold_and_warm("score, Polish, no language", lambda text: score(text, None, None), polish)
    print(f"  (py3langid first; resident memory now {rss_mb():,.0f} MB)")
    matcher = KeywordMatcher(CRISIS_KEYWORDS)
    rate = per_second(lambda text: matcher.matches(text, "en"), english)
    print(f"keywords, English         {rate:10,.0f} mentions/s  ({1e6 / rate:,.1f} µs each)")
    cold_and_warm("keywords, Polish (stems)", lambda text: matcher.matches(text, "pl"), polish)
    topic = Topic("brand", keywords=("Acme",))  # every rule on, defaults
    history = history_needed(topic)
    for per_day in (300, 30_000):
        mentions = [m for m in stream(random.Random(per_day), per_day, NOW - history, history / timedelta(hours=1))
                    if m.at <= NOW]
        shuffled = random.Random(1).sample(mentions, len(mentions))
        ordered, _ = timed(lambda mentions=mentions: evaluate(topic, mentions, NOW, {}))
        unordered, _ = timed(lambda shuffled=shuffled: evaluate(topic, shuffled, NOW, {}))
        numbers, _ = timed(lambda mentions=mentions: pulse(topic, mentions, NOW))
        recovery, _ = timed(lambda mentions=mentions: recovered(topic, mentions, NOW, since=NOW - timedelta(hours=2)))
        print(f"evaluate, {per_day:>6,}/day     {ordered * 1000:10,.2f} ms       ({len(mentions):,} mentions in "
              f"{history / timedelta(hours=1):.0f} h; {unordered * 1000:,.2f} ms when not in time order)")
        print(f"pulse, {per_day:>6,}/day        {numbers * 1000:10,.2f} ms")
        print(f"recovered, {per_day:>6,}/day    {recovery * 1000:10,.2f} ms")

if __name__ == "__main__":
    main()
