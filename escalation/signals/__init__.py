"""Social signals: scoring mentions and detecting crisis thresholds, as pure functions of the data and `now`."""
