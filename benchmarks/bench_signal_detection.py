"""Times the social-signals core: scoring (TextBlob for English, the Polish and Hebrew lexicon scorers, language
detection) and keyword matching (mentions/s), and what one detection pass costs for a topic with a day of history
at 300 and at 30,000 mentions a day.

Run from the project root:  python benchmarks/bench_signal_detection.py
The ingestion benchmark (HTTP, storage) is benchmarks/bench_mentions_ingest.py.
"""
from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import per_second, timed  # noqa: E402
from escalation.signals.detection import evaluate, history_needed, pulse, recovered  # noqa: E402
from escalation.signals.keywords import KeywordMatcher  # noqa: E402
from escalation.signals.rules import Topic  # noqa: E402
from escalation.signals.scoring import score  # noqa: E402
from escalation.signals.sentiment import hebrew as hebrew_scorer  # noqa: E402
from escalation.signals.sentiment import polish as polish_scorer  # noqa: E402
from escalation.signals.sentiment.stemming import hebrew_forms, polish_keyword_forms, polish_stem  # noqa: E402
from tests.signals.synthetic import stream  # noqa: E402

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a busy afternoon
CRISIS_KEYWORDS = {"en": ["boycott", "scam", "fraud", "data breach", "recall"],
                   "pl": ["bojkot", "oszust*", "kłamstwo", "wyciek danych", "pozew"]}
WORDS = {
    "en": ("the new Acme phone arrived today and honestly the battery is terrible I want a refund this feels "
           "like a scam great camera though love the screen support never answered my email worst service "
           "ever thanks for the quick fix really happy with the update delivery was late again").split(),
    "pl": ("nowy telefon Acme przyszedł dziś bateria jest fatalna chcę zwrotu pieniędzy to oszustwo świetny "
           "aparat ale obsługa klienta nie odpowiada najgorszy serwis kłamstwo dzięki za szybką naprawę "
           "dostawa znowu spóźniona bojkot masakra totalnie bardzo nie polecam pozwem oszukuje porażka dramat "
           "super polecam dziękuję 😡 !").split(),
    "he": ("הטלפון החדש של אקמה הגיע היום והסוללה ממש גרועה אני רוצה החזר כספי זה עוקץ מצלמה מעולה אבל "
           "שירות הלקוחות לא עונה השירות הכי גרוע תודה על התיקון המהיר המשלוח שוב באיחור חרם ממליץ בחום "
           "לא ממליץ 😡 !").split(),
}


def texts(rng: random.Random, language: str, count: int) -> list[str]:
    """Posts of 8 to 40 words, about the length of a tweet or a short review."""
    return [" ".join(rng.choices(WORDS[language], k=rng.randint(8, 40))) for _ in range(count)]


def main() -> None:
    rng = random.Random(2026)
    english, polish, hebrew = texts(rng, "en", 2000), texts(rng, "pl", 2000), texts(rng, "he", 2000)
    print(f"python {sys.version.split()[0]}")
    started = time.perf_counter()
    score(english[0], "en", None)
    print(f"first TextBlob score      {(time.perf_counter() - started) * 1000:10,.0f} ms       (imports nltk)")
    rate = per_second(lambda text: score(text, "en", None), english)
    print(f"score, English (TextBlob) {rate:10,.0f} mentions/s  ({1e6 / rate:,.0f} µs each)")
    started = time.perf_counter()
    score(polish[0], "pl", None)
    print(f"first Polish score        {(time.perf_counter() - started) * 1000:10,.0f} ms       "
          "(loads the stemming table)")
    rate = per_second(lambda text: score(text, "pl", None), polish)
    print(f"score, Polish (lexicon)   {rate:10,.0f} mentions/s  ({1e6 / rate:,.0f} µs each)")
    rate = per_second(lambda text: (polish_stem.cache_clear(), polish_scorer.language().seen.clear(),
                                    score(text, "pl", None)), polish, seconds=2)
    print(f"  ... every word new      {rate:10,.0f} mentions/s  (word caches cleared before each mention)")
    rate = per_second(lambda text: score(text, "he", None), hebrew)
    print(f"score, Hebrew (lexicon)   {rate:10,.0f} mentions/s  ({1e6 / rate:,.0f} µs each)")
    rate = per_second(lambda text: (hebrew_forms.cache_clear(), hebrew_scorer.language().seen.clear(),
                                    score(text, "he", None)), hebrew, seconds=2)
    print(f"  ... every word new      {rate:10,.0f} mentions/s  (word caches cleared before each mention)")
    score(polish[0], None, None)
    rate = per_second(lambda text: score(text, None, None), polish)
    print(f"score, Polish, no language{rate:10,.0f} mentions/s  (detected by py3langid first)")
    matcher = KeywordMatcher(CRISIS_KEYWORDS)
    rate = per_second(lambda text: matcher.matches(text, "en"), english)
    print(f"keywords, English         {rate:10,.0f} mentions/s  ({1e6 / rate:,.1f} µs each)")
    rate = per_second(lambda text: matcher.matches(text, "pl"), polish)
    print(f"keywords, Polish          {rate:10,.0f} mentions/s  ({1e6 / rate:,.1f} µs each; stems too)")
    rate = per_second(lambda text: (polish_keyword_forms.cache_clear(), matcher.matches(text, "pl")), polish,
                      seconds=2)
    print(f"  ... every word new      {rate:10,.0f} mentions/s")
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
