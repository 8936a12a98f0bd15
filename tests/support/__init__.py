"""Helpers shared by the tests: building the requests Slack sends to the bot."""
