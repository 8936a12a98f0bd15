"""Outside text is data, not markup: whatever an alert, a mention or a person's words hold, every renderer
escapes it once (handlers/markup.py), so `<!channel>`, `<@U…>`, `<#C…>` and links come only from our code."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.signals.deliveries import chart_comment, evidence_text
from escalation.incidents.views import IncidentCard
from escalation.review.service import Event, PagedLevel, Review, TemplateUse
from escalation.signals.detection import Pulse
from handlers.incidents import blocks as incident_blocks
from handlers.markup import decoded, link, text, typed
from handlers.reminders.blocks import reply_warning_text, status_reminder_message
from handlers.review.blocks import review_messages
from handlers.review.markdown import review_markdown
from handlers.room import blocks as room_blocks
from handlers.signals.commands import numbers_text
from handlers.templates.blocks import ProposalCard, catalogue_text, filled_message, proposal_blocks, proposal_text
from handlers.templates.words import plain
from handlers.timeline.blocks import timeline_messages
from handlers.timeline.markdown import timeline_markdown
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import open_incident
from tests.support.signals import SIGNALS, listenly

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TZ = "Europe/Warsaw"
HARMLESS = "x"
# What an attacker (or a careless sender) puts in a title, a handle, a label or a status update.
NASTY = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S0PR|@pr>", "<@U0EVIL>", "<@U0EVIL|boss>", "<#C0EVIL>",
         "<#C0EVIL|general>", "<https://evil.example|official statement>", "<https://evil.example>",
         "<mailto:a@evil.example|mail>", "&amp;", "&lt;!channel&gt;", "&", "<", ">", "|", "*", "`", "\n", "@channel"]
outside = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=6).map("".join)
TOKEN = re.compile(r"<[^<>]*>?")  # a Slack markup token (or the start of one)


def strings(value) -> list[str]:
    """Every string in a rendered value: a text, (text, blocks) pairs, Block Kit dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []


def tokens(value) -> set[str]:
    return {token for s in strings(value) for token in TOKEN.findall(s)}


def card(v: str, **changes) -> IncidentCard:
    values = dict(number=5, title=v, severity=2, status="triggered", source=v, description=v,
                  links=((v, "https://wiki.example/runbook"),), policy_name=v, channel_id="C0ROOM", created_at=T0,
                  acknowledged_by="U0ANNA", acknowledged_at=T0, resolved_by="U0ANNA", resolved_at=T0, resolution=v,
                  crisis_type=v, commander="U0EWA", channel_name="crisis-x")
    return IncidentCard(**{**values, **changes})


def event(minutes: int, kind: str, said: str, actor: str = "crisisdesk", **data) -> Event:
    return Event(at=T0 + timedelta(minutes=minutes), actor=actor, kind=kind, text=said, data=data)


def events(v: str, person: str) -> list[Event]:
    """A timeline with outside text in every kind of event; `person` is what someone typed, as Slack sent it.
    Actors are Slack ids or sources, never outside text: a user id there is a mention by design."""
    return [event(0, "opened", f"Incident opened from {v}: {v}", "alertmanager"),
            event(1, "alert", f"Alert added: {v}", "alertmanager"),
            event(2, "signal", f"High reach: negative mention by {v}"), event(3, "delivery_failed", f"Could not: {v}"),
            event(4, "log", decoded(person), "U0ANNA"), event(5, "status_update", f"Status update: {decoded(person)}"),
            event(6, "pinned", f"<https://x.slack.com/archives/C0ROOM/p1|Pinned message>: {decoded(person)}", "U0ANNA",
                  permalink="https://x.slack.com/archives/C0ROOM/p1"),
            event(7, "resolved", f"Resolved: {decoded(person)}", "U0ANNA"), event(8, "skip", f"skipped: {v}"),
            *people_named(v)]


def people_named(v: str) -> list[Event]:
    """Events whose text names people by Slack id (listed in `mentions`) beside outside text (a group's label)."""
    return [event(9, "status_reminder", "Status-update reminder sent to U0EWA", commander="U0EWA", seq=1,
                  mentions=["U0EWA"]),
            event(10, "paged", f"Paged on demand: Anna Nowak, U0EWA, {v}", "U0ANNA",
                  targets=["Anna Nowak", "U0EWA", v], by="U0ANNA", mentions=["U0EWA"]),
            event(11, "note", f"{v}: paged U0EWA, Ewa Lis", group="S0PR", people=["U0EWA", "ewa"],
                  mentions=["U0EWA"])]


def review(v: str, person: str) -> Review:
    return Review(timedelta(minutes=3), None, timedelta(hours=1), None,
                  (PagedLevel(T0, 1, 0, 0, (v,), 1),), (event(1, "skip", f"Level 2 skipped: {v}"),),
                  (TemplateUse(T0, "U0ANNA", v, 1, v, True),),
                  (event(2, "log", f"Follow-up: {decoded(person)}", "U0ANNA"),))


def pulse() -> Pulse:
    return Pulse(now=T0, window=timedelta(hours=1), mentions=3, baseline_mentions=2, negative_share=0.5,
                 baseline_negative_share=0.2, band=(0.1, 0.3), mean_polarity=-0.2, unscored=0, series=[])


def renderers(v: str, person: str) -> dict[str, object]:
    """What each renderer makes of outside text `v` (and of `person`, the words someone typed into Slack)."""
    c = card(v, resolution=decoded(person))  # a resolution is what the resolver typed
    filled = SimpleNamespace(key=v, number=1, language=v, title=v, approved_by="U0EWA", approved_at=T0, public=True,
                             waiting=None, text=plain(person) + v, incident_id=5, version_id=1)
    proposal = ProposalCard(1, v, v, 1, v, v, (v,), "U0ANNA", "approved", "U0EWA", T0, None)
    entry = SimpleNamespace(key=v, title=v, languages=[v], tags=[v], placeholders=["time"])
    trigger = {"rule": "high_reach", "title": "High reach", "severity": 2, "summary": f"negative mention by {v}",
               "observed": {"mentions": 1, "keywords": {v: 2}}, "baseline": {"min_followers": 1000}}
    evidence = {"topic": v, "triggers": [trigger],
                "top": [{"author": v, "url": "https://social.example/p/1", "followers": 5000, "label": "negative",
                         "text": v}]}
    chart = {"topic": v, "rules": ["High reach"], "marks": []}
    # Actor-only fields hold Slack ids or sources, never outside text.
    reminder = {"severity": 2, "every": 1800, "quiet": 2400, "updated": True, "commander": "U0EWA", "seq": 1}
    warning = {"people": ["U0ANNA", "U0EWA"], "target": 3600, "left": 600, "due_at": T0.isoformat(), "severity": 2}
    return {
        "summary": (incident_blocks.summary_text(c), incident_blocks.summary_blocks(c, TZ)),
        "topic": incident_blocks.topic_text(c, "{severity} · {title} · {source} · {status}"),
        "page": (incident_blocks.page_text(c, 0, 1), incident_blocks.page_blocks(c, 0, 0)),
        "channel mention": incident_blocks.channel_page_text(["U0ANNA"], [v], 0, 0),
        "closed page": incident_blocks.closed_page_text(c, "resolved", "U0ANNA"),
        "status": incident_blocks.status_text("resolved", "U0ANNA", decoded(person)),
        "note": incident_blocks.note_text(v),
        "reminder": status_reminder_message(5, reminder, (timedelta(minutes=30),)),
        "warning": reply_warning_text(5, warning, TZ),
        "timeline": timeline_messages(c, events(v, person), TZ),
        "review": review_messages(c, review(v, person), events(v, person), TZ, "incident-5-review.md"),
        "notices": [room_blocks.notice_text({"what": "type", "actor": "U0ANNA", "after": v, "before": v}, {2: v}),
                    room_blocks.notice_text({"what": "severity", "actor": "U0ANNA", "after": 2, "before": 3},
                                            {2: v}),
                    room_blocks.notice_text({"what": "status_update", "actor": "U0ANNA", "text": decoded(person)}, {})],
        "stakeholders": room_blocks.stakeholder_text(c, "U0ANNA", decoded(person)),
        "page on demand": (room_blocks.page_now_text(c, "U0ANNA"), room_blocks.page_now_blocks(c, "U0ANNA"),
                           room_blocks.channel_page_now_text(["U0ANNA"], [v], "U0ANNA", "triggered")),
        "evidence": evidence_text(evidence),
        "chart": chart_comment(chart, T0, TZ),
        "pulse": numbers_text(v, pulse()),
        "template": (filled_message(filled, TZ), catalogue_text(SimpleNamespace(tag=None, language=None,
                                                                                entries=[entry])),
                     proposal_text(proposal), proposal_blocks(proposal, TZ)),
    }


def people_in(slack_text: str) -> set[str]:
    """The mentions a person's own words may carry: the users they named (as a mention or typed out)."""
    return {f"<@{m}>" for m in re.findall(r"(?:<|&lt;)@([UW][A-Z0-9]{2,})", slack_text)}


# The renderers that show what a person typed, whose own user mentions stay live; nowhere else may any appear.
TYPED = {"status", "timeline", "review", "notices", "stakeholders"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v=outside, person=outside)
def test_no_renderer_lets_outside_text_ping_link_or_mention(v, person):
    ours = {name: tokens(out) for name, out in renderers(HARMLESS, HARMLESS).items()}
    for name, out in renderers(v, person).items():
        extra = tokens(out) - ours[name] - (people_in(person) if name in TYPED else set())
        assert not extra, f"{name}: {extra} came from outside text"
        assert not any(t.startswith(("<!", "<#C0EVIL", "<http://evil", "<https://evil")) for t in tokens(out)
                       if t not in ours[name]), name


@given(v=outside)
def test_outside_text_is_escaped_exactly_once(v):
    c = card(v)
    assert incident_blocks.summary_text(c) == f"Incident #5 · SEV2 · {text(v)}"
    assert incident_blocks.page_text(c, 0, 0) == f"You are paged (level 1) for incident #5 · SEV2 · {text(v)}"
    unescaped = text(v).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == v  # nothing lost, nothing escaped twice


@given(url=st.one_of(st.text(max_size=30), st.sampled_from([
    "https://evil.example|official statement", "https://a.example/x?a=1&b=<2>", "javascript:alert(1)",
    "http://[::1", "https://ok.example/ path", "HTTPS://Wiki.Example/runbook", "ftp://files.example/x"])))
def test_a_link_is_real_only_for_an_http_url_and_shows_its_host(url):
    shown = link(url)
    found = TOKEN.findall(shown)
    if not found:
        assert shown == text(url.strip())
        return
    assert len(found) == 1 and found[0] == shown
    target, label = shown[1:-1].split("|")
    assert target.lower().startswith(("http://", "https://")) and not re.search(r"[\s<>|]", target)
    assert "<" not in label and "@" not in label.replace(label.lstrip("@"), "")


# A group label (outside text) beside the ids: only an id the core listed, as a whole word, becomes a mention.
@pytest.mark.parametrize("v, slack, markdown", [
    ("U0EVIL", "U0EVIL", "U0EVIL"), ("<@U0EVIL>", "&lt;@U0EVIL&gt;", "\\<@U0EVIL>"),
    ("x U0EWAX U0EWA", "x U0EWAX <@U0EWA>", "x U0EWAX @Ewa Lis")])
def test_the_people_our_code_names_are_mentions_in_slack_and_names_in_markdown(v, slack, markdown):
    [(_, blocks)] = timeline_messages(card("x"), people_named(v), TZ)
    assert blocks[1]["text"]["text"].split("\n") == [
        "`2026-11-24 10:09:00` crisisdesk · Status-update reminder sent to <@U0EWA>",
        f"`2026-11-24 10:10:00` <@U0ANNA> · Paged on demand: Anna Nowak, <@U0EWA>, {slack}",
        f"`2026-11-24 10:11:00` crisisdesk · {slack}: paged <@U0EWA>, Ewa Lis"]
    written = timeline_markdown(card("x"), people_named(v), TZ, {"U0EWA": "Ewa Lis", "U0ANNA": "Anna Nowak"})
    assert written.split("\n")[-4:-1] == [
        "- `2026-11-24 10:09:00` **crisisdesk** · Status-update reminder sent to @Ewa Lis",
        f"- `2026-11-24 10:10:00` **@Anna Nowak** · Paged on demand: Anna Nowak, @Ewa Lis, {markdown}",
        f"- `2026-11-24 10:11:00` **crisisdesk** · {markdown}: paged @Ewa Lis, Ewa Lis"]


def test_a_persons_words_keep_their_mentions_and_lose_broadcasts_and_labelled_links():
    said = decoded("<!channel> <!here|here> <@U0EWA|ewa> see <https://evil.example|the statement> in "
                   "<#C0PRESS|press> &amp; <!subteam^S0PR|@pr-leads> &lt;b&gt;")
    assert said == "@channel @here <@U0EWA> see the statement (https://evil.example) in #press & @pr-leads <b>"
    assert typed(said) == ("@channel @here <@U0EWA> see the statement (https://evil.example) in #press &amp; "
                           "@pr-leads &lt;b&gt;")
    assert plain("<@U0EWA|ewa> <!channel> R&amp;D") == "@ewa @channel R&D"  # a template value


def test_the_markdown_files_make_no_link_of_outside_text():
    v = "[official statement](https://evil.example) <img src=x>"
    c = card(v)
    for markdown in (timeline_markdown(c, events(v, "<@U0EWA|ewa> asked"), TZ, {"U0EWA": "Ewa Lis"}),
                     review_markdown(c, review(v, "<@U0EWA|ewa> asked"), [], TZ, {"U0EWA": "Ewa Lis"})):
        assert "](https://evil" not in markdown.replace("\\](https://evil", "")
        assert "<img" not in markdown.replace("\\<img", "")
    assert "@Ewa Lis asked" in timeline_markdown(c, events(v, "<@U0EWA|ewa> asked"), TZ, {"U0EWA": "Ewa Lis"})


INJECTED = "INJ <!channel> <!here> <https://evil.example|official statement>"
SHOWN = "INJ &lt;!channel&gt; &lt;!here&gt; &lt;https://evil.example|official statement&gt;"


def live_markup(messages, *topics: str) -> list[str]:
    """Every broadcast, channel link or link Slack would act on in these messages (texts and blocks) and topics."""
    said = strings([[m.text, m.blocks] for m in messages]) + list(topics)
    return [t for s in said for t in TOKEN.findall(s) if t.startswith(("<!", "<#", "<http"))]


def test_an_alert_cannot_ping_the_workspace_or_plant_a_link(bot, slack):
    answer = bot.post_hook("alertmanager", {
        "version": "4", "status": "firing", "receiver": "crisisdesk", "groupKey": "{}:{alertname=\"Inj\"}",
        "alerts": [{"status": "firing", "labels": {"alertname": "Inj", "severity": "high"},
                    "annotations": {"summary": INJECTED, "description": f"{INJECTED} & more"},
                    "fingerprint": "f1"}]})
    assert answer.status == 202
    bot.run_worker()
    messages = slack.take_messages()
    [summary] = [m for m in messages if (m.text or "").startswith("Incident #1")]
    assert summary.text.split("\n")[0] == f"Incident #1 · SEV2 · {SHOWN}"  # then the page's mention
    assert {"type": "mrkdwn", "text": f"{SHOWN} &amp; more"} in [b.get("text") for b in summary.blocks]
    topic = slack.topic(summary.channel)
    assert topic == f"SEV2 · {SHOWN} · triggered"
    [dm] = slack.dms_to("U0MAREK")
    assert dm.text == f"You are paged (level 1) for incident #1 · SEV2 · {SHOWN}"
    assert live_markup(messages, topic) == []


def test_a_mention_author_cannot_ping_the_channel(settings, slack, engine, clock):
    from tests.support.bot import start_bot
    rules = SIGNALS.replace("high_reach: off", "high_reach: {min_followers: 1000, severity: 2}").replace(
        "spike: {window: 15m, baseline: 24h, min_volume: 20, threshold: 4, severity: 2, cooldown: 2h}", "spike: off")
    rules = rules.replace("keyword: {count: 5, window: 1h}", "keyword: off") + "        negative_share: off\n"
    bot = start_bot(settings, load_test_config(CONFIG + rules), slack, engine)
    try:
        mention = listenly("m1", "Acme is a scam <!here> <https://evil.example|official statement>", T0,
                           followers=5000, sentiment="negative", handle="<!channel> @evil")
        reply = bot.post_hook("mentions/listenly", [mention])
        assert reply.status == 202, reply
        assert reply.body["incidents"] == [1], reply.body
        bot.run_worker()
        messages = slack.take_messages()
        summary = next(m.text for m in messages if (m.text or "").startswith("Incident #1"))
        assert "&lt;!channel&gt; @evil" in summary
        evidence = next(m.text for m in messages if (m.text or "").startswith(":rotating_light: *Signals"))
        assert ("• &lt;!channel&gt; @evil (<https://social.example/p/m1|social.example>) · 5,000 followers · "
                "negative: “Acme is a scam &lt;!here&gt; &lt;https://evil.example|official statement&gt;”") in evidence
        assert {t for t in live_markup(messages) if not t.startswith("<#")} == {
            "<https://social.example/p/m1|social.example>"}
    finally:
        bot.close()


def test_a_status_update_keeps_its_mentions_but_cannot_broadcast(bot, slack):
    open_incident(bot)
    bot.run_worker()
    slack.take_messages()
    channel = slack.channel_named("crisis-20261124-negative-mentions-x8")["id"]
    bot.slash("update <!channel> <@U0EWA|ewa> drafts <https://evil.example|the statement> &amp; more",
              user="U0ANNA", channel=channel)
    bot.run_worker()
    texts = [m.text for m in slack.take_messages()]
    assert (":mega: *Status update* from <@U0ANNA>:\n@channel <@U0EWA> drafts the statement "
            "(https://evil.example) &amp; more") in texts
