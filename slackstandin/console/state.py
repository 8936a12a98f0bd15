"""What the console adds to the stand-in's workspace: who acted from the page and when, notes, reactions, modals."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from slackstandin.console.link import AppLink


@dataclass(frozen=True)
class Person:
    """Someone the page can act as: a user of the stand-in, named as the config names them."""

    user_id: str
    key: str
    label: str


class Refused(Exception):
    """Something Slack's own client would not let a person do; the text says why, for the page."""


@dataclass(frozen=True)
class Modal:
    """A modal the app opened with views.open, shown to the person whose click or command issued the trigger."""

    view_id: str
    user: str
    view: dict
    errors: dict = field(default_factory=dict)


class Console:
    """The console's own records beside the stand-in's; `lock` guards them and is never held while taking the
    stand-in's lock the other way round (the snapshot copies these first, then reads the stand-in)."""

    def __init__(self, standin, link: AppLink, people: list[Person]):
        self.standin, self.link, self.people = standin, link, people
        self.lock = threading.Lock()
        self.changes = 0  # bumped by everything the page does, so a poll knows the picture moved
        self.said_at: dict[tuple[str, str], float] = {}  # (channel, ts) of people's messages -> when
        self.notes: list[dict] = []  # lines only the console writes ("Anna joined #x", an app error ...)
        self.reactions: dict[tuple[str, str], list[str]] = {}  # (channel, ts) -> who added :pushpin:
        self.modals: dict[str, Modal] = {}
        self.views_seen = 0  # views.open calls already turned into modals; it only ever grows

    def person(self, user_id: str) -> Person:
        """The person acting, or Refused when the page names someone the drill does not know."""
        for person in self.people:
            if person.user_id == user_id:
                return person
        raise Refused(f"nobody in this drill has the id {user_id!r}")

    def changed(self, **record) -> None:
        """Note that the picture moved; a `note` (channel, user or None for everyone, text) is shown in it."""
        with self.lock:
            self.changes += 1
            if record:
                self.notes.append({**record, "at": time.time()})

    def acted(self, user_id: str) -> str:
        """A trigger_id for what this person does now, issued by the stand-in before the app hears of it: a modal
        the app opens with it is theirs, whoever else acts meanwhile."""
        trigger = self.standin.new_trigger_id(user_id)  # the stand-in's lock, not ours: never both at once
        with self.lock:
            self.changes += 1
        return trigger

    def catch_up_modals(self, opened: list[tuple[dict | None, str | None]]) -> None:
        """Turn views.open calls not seen yet, as (the view opened or None, whose trigger it used), into modals.

        `opened` is every views.open so far in order; two polls may bring lists of different lengths in either
        order, so what was seen only grows, and a modal already submitted never comes back."""
        with self.lock:
            for view, user in opened[self.views_seen:]:
                if view and user:
                    self.modals[view["id"]] = Modal(view["id"], user, view)
            self.views_seen = max(self.views_seen, len(opened))

    def open_modals(self) -> list[dict]:
        with self.lock:
            return [{"view_id": m.view_id, "user": m.user, "view": m.view, "errors": m.errors}
                    for m in self.modals.values()]

    def modal(self, view_id: str, user_id: str) -> Modal:
        with self.lock:
            modal = self.modals.get(view_id)
        if modal is None or modal.user != user_id:
            raise Refused("that form is closed")
        return modal

    def settle_modal(self, view_id: str, *, view: dict | None = None, errors: dict | None = None) -> None:
        """After a submission: show the app's next view, its errors, or (neither) close the modal."""
        with self.lock:
            modal = self.modals.get(view_id)
            if modal is None:
                return
            if view is None and errors is None:
                del self.modals[view_id]
            else:  # the new view whole, under the same id, or the same view with the app's errors
                self.modals[view_id] = Modal(view_id, modal.user, {**view, "id": view_id} if view else modal.view,
                                             errors or {})
            self.changes += 1
