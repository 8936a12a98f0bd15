"""The drill console: a page in the browser that plays Slack's client on the stand-in's workspace.

`crisisdesk drill` serves it beside the app. People picked on the page type `/crisis …`, press buttons, fill in
modals and react with 📌; each becomes the signed request Slack would send the app (`acting.py`, over
`app_requests.py`). What the app did comes back from the stand-in's own records (`picture.py`), polled by the page.
"""
from slackstandin.console.link import AppLink
from slackstandin.console.routes import console_routes
from slackstandin.console.state import Console, Person

__all__ = ["AppLink", "Console", "Person", "console_routes"]
