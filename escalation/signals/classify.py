"""What a mention is, decided once on ingest: its sentiment, its crisis keywords and the topics it belongs to."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from escalation.signals.keywords import ANY_LANGUAGE, KeywordMatcher
from escalation.signals.mentions import MentionIn
from escalation.signals.rules import Topic
from escalation.signals.scoring import Score, score, sent
from escalation.signals.sentiment import code_of, detect_language


@dataclass(frozen=True)
class Classified:
    source: str
    mention: MentionIn
    score: Score
    keywords: tuple[str, ...]  # crisis keywords found
    topics: tuple[str, ...]


class Classifier:
    """Built once per config (the keyword patterns compile once); pure, so it runs outside any transaction."""

    def __init__(self, topics: Iterable[Topic], crisis_keywords: Mapping[str, Iterable[str]],
                 negative_below: float = -0.1, positive_above: float = 0.1):
        self.topics = tuple(topics)
        self.crisis = KeywordMatcher(crisis_keywords)
        self.names = {t.name: KeywordMatcher({ANY_LANGUAGE: t.keywords}) for t in self.topics if t.keywords}
        self.thresholds = {"negative_below": negative_below, "positive_above": positive_above}

    def classify(self, source: str, mention: MentionIn, topics: tuple[str, ...] | None = None) -> Classified:
        """Raises ValueError for a source sentiment that is not a label or a score in [-1, 1]. `topics`: the
        topics the mention belongs to when the sender knows them (a drill's step names its topic)."""
        language = self.language_of(mention)
        sentiment = score(mention.text, language, mention.sentiment, detected=True, **self.thresholds)
        keywords = self.crisis.matches(mention.text, language)
        return Classified(source, mention, sentiment, keywords,
                          self.topics_of(source, mention, language) if topics is None else topics)

    def language_of(self, mention: MentionIn) -> str | None:
        """The mention's language as sent, else detected once for both its score and its keywords; None when not
        recognised (every keyword list is then tried), or when nothing needs it (the source scored the mention
        and no keyword list is stemmed)."""
        code = code_of(mention.language)
        if code is None and (self.crisis.inflects or not sent(mention.sentiment)):
            code = detect_language(mention.text or "")
        return code

    def topics_of(self, source: str, mention: MentionIn, language: str | None = None) -> tuple[str, ...]:
        tags = set(mention.tags)
        return tuple(t.name for t in self.topics
                     if source in t.sources or tags.intersection(t.tags)
                     or (t.name in self.names and self.names[t.name].matches(mention.text, language)))
