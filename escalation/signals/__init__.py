"""Social signals: scoring mentions and detecting crisis thresholds, as pure functions of the data and `now`."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from escalation.signals.rules import (
    HighReachRule,
    KeywordRule,
    NegativeShareRule,
    SentimentDropRule,
    SpikeRule,
    Topic,
    TopicRules,
)
from escalation.signals.course import Course, Reading, course_between

__all__ = ['Course', 'HighReachRule', 'KeywordRule', 'NegativeShareRule', 'Reading', 'SentimentDropRule', 'SpikeRule',
           'Topic', 'TopicRules', 'course_between']
