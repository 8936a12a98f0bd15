"""Who may act on an incident: one rule per action (pure), and what is known about the person acting, read from
stored data only, so the check never waits on Slack and a refusal writes nothing."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.incidents import Incident
from escalation.paging import Page, SlackUserLookup
from escalation.people import Directory

ACTIONS = ("acknowledge", "resolve", "change", "page", "declare", "drill")
ANYONE, KNOWN, LISTED = "anyone", "known", "listed"
VERBS = {"acknowledge": "acknowledge", "resolve": "resolve", "change": "change", "page": "page people for",
         "declare": "declare"}
RESPONDERS = "the incident's responders (paged people, commander, comms lead, approver)"


@dataclass(frozen=True)
class Rule:
    """Who may do one action.

    `known` (the default): the incident's responders, everyone the config names, and whoever acts in the
    incident's own channel (Slack lets only its members type or press buttons there). `listed`: the responders
    and the `users` and members of the `teams` named. `anyone`: every Slack user."""

    who: str = KNOWN
    users: tuple[str, ...] = ()  # person keys, for `listed`
    teams: tuple[str, ...] = ()  # team keys, for `listed`


@dataclass(frozen=True)
class Permissions:
    acknowledge: Rule = field(default_factory=Rule)
    resolve: Rule = field(default_factory=Rule)
    change: Rule = field(default_factory=Rule)  # severity, type, roles, log, update, timeline, review, snooze,
    #                                              a template's Use, pins
    page: Rule = field(default_factory=Rule)  # `/crisis page`
    # `/crisis declare` and the message shortcut: anyone in the workspace by default, as whoever sees a crisis
    # first must be able to raise it (`known` or a list narrows it).
    declare: Rule = field(default_factory=lambda: Rule(who=ANYONE))
    # `/crisis drill` (start, stop): `known`, not declare's `anyone`, as a drill pages people; there is no incident,
    # so `known` is the people the config names.
    drill: Rule = field(default_factory=Rule)

    def rule(self, action: str) -> Rule:
        return getattr(self, action)


@dataclass(frozen=True)
class Acting:
    """What is known about the person acting on one incident."""

    person: str | None  # the config's key for this Slack user, when the config names them
    responder: bool  # paged for the incident, or holding one of its roles
    in_channel: bool  # typed or pressed in the incident's own channel
    from_copy: bool  # pressed an incident button outside the incident's channel: a page DM, or a copy of one


def allowed(rule: Rule, acting: Acting, directory: Directory) -> bool:
    """Whether the rule lets this person act; a button outside the incident's channel works for responders only."""
    if rule.who == ANYONE or acting.responder:
        return True
    if acting.from_copy:
        return False
    if rule.who == KNOWN:
        return acting.person is not None or acting.in_channel
    teams = directory.teams
    return acting.person is not None and (acting.person in rule.users or any(
        acting.person in teams[t].members for t in rule.teams if t in teams))


@dataclass(frozen=True)
class Refusal:
    """Why one person may not act on an incident, as facts; `words` says it, with the incident channel's link
    made by the edge (the core writes no Slack markup)."""

    action: str
    number: int
    others: tuple[str, ...]  # who besides the responders may, in words (people's and teams' names)
    channel_members: bool  # and the members of the incident's channel (the `known` rule)
    channel_id: str | None
    from_copy: bool  # a button pressed outside the incident's channel

    def words(self, channel: Callable[[str], str]) -> str:
        """What the refused person reads: that they may not, and who may; `channel` links a channel id."""
        where = channel(self.channel_id) if self.channel_id else "the incident's channel"
        others = [*self.others, *[f"members of {where}"] * self.channel_members]
        verb, number = VERBS[self.action], self.number
        if self.from_copy:
            said = _sentence(others)
            tail = f" {said[:1].upper()}{said[1:]} may do it with `/crisis`." if others else ""
            return f"This button works only for {RESPONDERS}, so it did not {verb} incident #{number}.{tail}"
        return f"You may not {verb} incident #{number}: only {_sentence([*others, RESPONDERS])} may."


def refusal(action: str, rule: Rule, acting: Acting, directory: Directory, incident: Incident) -> Refusal:
    """The facts of a refusal: the action, the incident, and who besides the responders may."""
    return Refusal(action, incident.id, tuple(_others(rule, directory)), rule.who == KNOWN, incident.channel_id,
                   acting.from_copy)


def _others(rule: Rule, directory: Directory) -> list[str]:
    """Who besides the responders (and the channel's members, for `known`) may, in words."""
    if rule.who == KNOWN:
        return ["the people named in crisisdesk's config"]
    people = [directory.people[k].label if k in directory.people else k for k in rule.users]
    return people + [f"members of {directory.teams[t].name or t}" if t in directory.teams else t for t in rule.teams]


def _sentence(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def acting(session: Session, directory: Directory, incident: Incident, user_id: str, channel_id: str | None,
           button: bool) -> Acting:
    """The facts about `user_id` acting on `incident` from `channel_id`, read from the config and stored rows."""
    person = known_person(session, directory, user_id)
    keys = {user_id} if person is None else {user_id, person}  # a page on demand of a stranger is keyed by id
    paged = session.scalar(select(Page.id).where(Page.incident_id == incident.id, Page.person_key.in_(keys))
                           .limit(1)) is not None
    roles = user_id in (incident.commander, incident.comms, incident.approver)
    in_channel = channel_id is not None and channel_id == incident.channel_id
    return Acting(person, paged or roles, in_channel, button and not in_channel)


def known_person(session: Session, directory: Directory, user_id: str) -> str | None:
    """The config's key for this Slack user: by the config's slack_id, or by an email looked up before."""
    person = directory.by_slack_id(user_id)
    if person is not None:
        return person.key
    emails = set(session.scalars(select(SlackUserLookup.email).where(SlackUserLookup.user_id == user_id)))
    found = next((p for p in directory.people.values() if p.email and p.email.lower() in emails), None)
    return found.key if found else None


def guard(session: Session, directory: Directory, permissions: Permissions, incident: Incident, action: str,
          user_id: str, channel_id: str | None, button: bool = False) -> Refusal | None:
    """None when `user_id` may do `action` on the incident, else the refusal to show them; reads only."""
    rule = permissions.rule(action)
    if rule.who == ANYONE:
        return None
    facts = acting(session, directory, incident, user_id, channel_id, button)
    return None if allowed(rule, facts, directory) else refusal(action, rule, facts, directory, incident)


def may_declare(session: Session, directory: Directory, rule: Rule, user_id: str,
                what: str = "declare an incident") -> str | None:
    """None when `user_id` may declare an incident (or do `what` under the same kind of rule, like starting a
    drill), else the refusal; there is no incident, so no responders."""
    if rule.who == ANYONE:
        return None
    person = known_person(session, directory, user_id)
    facts = Acting(person, responder=False, in_channel=False, from_copy=False)
    if allowed(rule, facts, directory):
        return None
    who = "the people named in crisisdesk's config" if rule.who == KNOWN else _sentence([
        *(directory.people[k].label if k in directory.people else k for k in rule.users),
        *(f"members of {directory.teams[t].name or t}" if t in directory.teams else t for t in rule.teams)])
    if what != "declare an incident":
        return f"You may not {what}: only {who} may."
    return (f"You may not declare an incident: only {who} may. Ask one of them to declare it; "
            "`/crisis oncall` shows who is on call.")
