"""slack-app-manifest.yml follows Slack's app manifest rules and asks for exactly the bot scopes the code needs.

The code is scanned as text (bot/ and handlers/, found wherever the modules live), the same way a reviewer greps:
- the gateway's calls by method name: `self.call("chat.postMessage", ...)`, `gateway.call("conversations.join", ...)`,
  `client.api_call("...")`;
- slack_sdk WebClient methods: `client.views_open(...)`, `self.client.files_upload_v2(...)`, resolved to the Web API
  methods they call by reading slack_sdk's own source;
- Bolt: `say(...)` (chat.postMessage), `@app.event("...")`, `@app.command("...")`, `app.action/view(...)`.
Each Web API method and event maps to the bot scopes Slack documents for it (tables below, from
https://docs.slack.dev/reference/methods and /reference/events). A scope the code needs and the manifest lacks
fails naming the method; a scope the manifest asks for and nothing needs fails too.
"""
from __future__ import annotations

import inspect
import io
import re
import tokenize
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from slack_sdk import WebClient

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "slack-app-manifest.yml"
SOURCE_DIRS = ("bot", "handlers")

# --- Slack's documented facts -------------------------------------------------------------------------------------

# Bot scopes crisisdesk needs for each Web API method it calls. Where Slack documents one scope per conversation type
# (conversations.*), the ones listed are those for the conversation types crisisdesk uses the method on.
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "chat.postMessage": frozenset({"chat:write"}),
    "chat.update": frozenset({"chat:write"}),
    "chat.postEphemeral": frozenset({"chat:write"}),  # a refused 📌 is told to the person who pinned, only
    "chat.getPermalink": frozenset(),  # "No scope required"
    # docs: channels:manage (public), groups:write (private), im:write, mpim:write. Incident channels are public or
    # private (channel.private in the config), never DMs.
    "conversations.create": frozenset({"channels:manage", "groups:write"}),
    "conversations.setTopic": frozenset({"channels:manage", "groups:write"}),
    "conversations.invite": frozenset({"channels:manage", "groups:write"}),
    # docs: channels:manage, groups:write, im:write, mpim:write; crisisdesk opens 1:1 DMs (users=<one id>) only.
    "conversations.open": frozenset({"im:write"}),
    "conversations.join": frozenset({"channels:join"}),  # bots can join public channels only
    # docs: channels:history, groups:history, im:history, mpim:history; read in incident channels only.
    "conversations.history": frozenset({"channels:history", "groups:history"}),
    "conversations.replies": frozenset({"channels:history", "groups:history"}),
    "pins.add": frozenset({"pins:write"}),
    "users.lookupByEmail": frozenset({"users:read.email"}),
    "usergroups.list": frozenset({"usergroups:read"}),
    "usergroups.users.list": frozenset({"usergroups:read"}),
    "files.getUploadURLExternal": frozenset({"files:write"}),
    "files.completeUploadExternal": frozenset({"files:write"}),
    "views.open": frozenset(),  # "No scopes required"
    "views.publish": frozenset(),  # "No scopes required" (the Home tab)
    "auth.test": frozenset(),  # Bolt's authorization and the start check; no scope
    # docs: channels:read, groups:read, im:read, mpim:read; crisisdesk lists its own channels, public and private.
    "users.conversations": frozenset({"channels:read", "groups:read"}),
}
# Bolt listener arguments that call Slack.
BOLT_UTILITIES: dict[str, frozenset[str]] = {
    "say": frozenset({"chat.postMessage"}),
    "respond": frozenset(),  # posts to the request's response_url, no token, no scope
}
# Scopes Slack grants only together with another one ("This scope must be requested at the same time as users:read").
COMPANION_SCOPES: dict[str, frozenset[str]] = {"users:read.email": frozenset({"users:read"})}
# Bot events and the bot scope each needs; an event not listed here is unknown to this test: add it from the docs.
EVENT_SCOPES: dict[str, frozenset[str]] = {
    "app_mention": frozenset({"app_mentions:read"}),
    "app_home_opened": frozenset(),
    "app_uninstalled": frozenset(),
    "tokens_revoked": frozenset(),
    "reaction_added": frozenset({"reactions:read"}),
    "reaction_removed": frozenset({"reactions:read"}),
    "message.channels": frozenset({"channels:history"}),
    "message.groups": frozenset({"groups:history"}),
    "message.im": frozenset({"im:history"}),
    "message.mpim": frozenset({"mpim:history"}),
    "pin_added": frozenset({"pins:read"}),
    "pin_removed": frozenset({"pins:read"}),
    "channel_created": frozenset({"channels:read"}),
    "team_join": frozenset({"users:read"}),
    "user_change": frozenset({"users:read"}),
    "file_shared": frozenset({"files:read"}),
    "link_shared": frozenset({"links:read"}),
}
# Granular bot scopes Slack knows (https://docs.slack.dev/reference/scopes?token_types=Bot).
BOT_SCOPES = frozenset("""
    app_mentions:read bookmarks:read bookmarks:write calls:read calls:write channels:history channels:join
    channels:manage channels:read channels:write.invites channels:write.topic chat:write chat:write.customize
    chat:write.public commands conversations.connect:manage conversations.connect:read conversations.connect:write
    dnd:read emoji:read files:read files:write groups:history groups:read groups:write groups:write.invites
    groups:write.topic im:history im:read im:write incoming-webhook links.embed:write links:read links:write
    metadata.message:read mpim:history mpim:read mpim:write mpim:write.invites mpim:write.topic pins:read pins:write
    reactions:read reactions:write reminders:read reminders:write remote_files:read remote_files:share
    remote_files:write team.billing:read team.preferences:read team:read usergroups:read usergroups:write
    users.profile:read users:read users:read.email users:write
""".split())

# The manifest's documented keys (https://docs.slack.dev/reference/app-manifest).
TOP_KEYS = {"_metadata", "display_information", "features", "oauth_config", "settings", "functions", "workflows",
            "outgoing_domains", "types", "datastores", "external_auth_providers"}
DISPLAY_KEYS = {"name", "description", "long_description", "background_color"}
FEATURE_KEYS = {"app_home", "bot_user", "shortcuts", "slash_commands", "unfurl_domains"}
BOT_USER_KEYS = {"display_name", "always_online"}
SLASH_COMMAND_KEYS = {"command", "description", "should_escape", "url", "usage_hint"}
OAUTH_KEYS = {"redirect_urls", "scopes", "token_management_enabled"}
SCOPE_KEYS = {"bot", "user"}
SETTINGS_KEYS = {"allowed_ip_address_ranges", "event_subscriptions", "incoming_webhooks", "interactivity",
                 "org_deploy_enabled", "socket_mode_enabled", "token_rotation_enabled", "function_runtime",
                 "is_hosted"}
EVENT_SUBSCRIPTION_KEYS = {"request_url", "bot_events", "user_events", "metadata_subscriptions"}
INTERACTIVITY_KEYS = {"is_enabled", "request_url", "message_menu_options_url"}
HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
BOT_DISPLAY_NAME = re.compile(r"[a-z0-9._-]{1,80}\Z")
SLASH_COMMAND = re.compile(r"/[a-z0-9_-]{1,31}\Z")


def _keys(problems: list[str], where: str, section, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(section, dict):
        problems.append(f"{where}: must be a mapping, not {type(section).__name__}")
        return {}
    problems.extend(f"{where}.{key}: not a key Slack's manifest knows" for key in sorted(set(section) - allowed))
    problems.extend(f"{where}.{key}: required" for key in sorted(required - set(section)))
    return section


def _text(problems: list[str], where: str, value, *, low: int = 1, high: int) -> None:
    if not isinstance(value, str):
        problems.append(f"{where}: must be a string")
    elif not low <= len(value) <= high:
        problems.append(f"{where}: {len(value)} characters; Slack takes {low} to {high}")


def _flag(problems: list[str], where: str, section: dict, key: str) -> None:
    if key in section and not isinstance(section[key], bool):
        problems.append(f"{where}.{key}: must be true or false")


def _url(problems: list[str], where: str, value) -> None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc:
        problems.append(f"{where}: {value!r} is not a full https URL")


def manifest_problems(manifest) -> list[str]:
    """Every way `manifest` breaks Slack's documented manifest rules (names, lengths, types, URLs)."""
    problems: list[str] = []
    top = _keys(problems, "manifest", manifest, TOP_KEYS, {"display_information"})

    display = _keys(problems, "display_information", top.get("display_information", {}), DISPLAY_KEYS, {"name"})
    if "name" in display:
        _text(problems, "display_information.name", display["name"], high=35)
    if "description" in display:
        _text(problems, "display_information.description", display["description"], high=140)
    if "long_description" in display:
        _text(problems, "display_information.long_description", display["long_description"], low=175, high=4000)
    if "background_color" in display and not HEX_COLOR.match(str(display["background_color"])):
        problems.append(f"display_information.background_color: {display['background_color']!r} is not #rgb or #rrggbb")

    settings = _keys(problems, "settings", top.get("settings", {}), SETTINGS_KEYS)
    for flag in ("org_deploy_enabled", "socket_mode_enabled", "token_rotation_enabled"):
        _flag(problems, "settings", settings, flag)
    socket_mode = settings.get("socket_mode_enabled") is True  # request URLs are optional only in Socket Mode

    features = _keys(problems, "features", top.get("features", {}), FEATURE_KEYS)
    if "bot_user" in features:
        bot_user = _keys(problems, "features.bot_user", features["bot_user"], BOT_USER_KEYS, {"display_name"})
        if "display_name" in bot_user and not BOT_DISPLAY_NAME.match(str(bot_user["display_name"])):
            problems.append("features.bot_user.display_name: 1 to 80 of a-z, 0-9, '-', '_', '.'")
        _flag(problems, "features.bot_user", bot_user, "always_online")
    commands = features.get("slash_commands", [])
    if not isinstance(commands, list) or len(commands) > 50:
        problems.append("features.slash_commands: a list of at most 50 commands")
        commands = []
    for i, entry in enumerate(commands):
        where = f"features.slash_commands[{i}]"
        command = _keys(problems, where, entry, SLASH_COMMAND_KEYS, {"command", "description"})
        if "command" in command and not SLASH_COMMAND.match(str(command["command"])):
            problems.append(f"{where}.command: {command['command']!r} is not '/' and at most 31 of a-z, 0-9, '-', '_'")
        if "description" in command:
            _text(problems, f"{where}.description", command["description"], high=2000)
        if "usage_hint" in command:
            _text(problems, f"{where}.usage_hint", command["usage_hint"], high=1000)
        _flag(problems, where, command, "should_escape")
        if "url" in command:
            _url(problems, f"{where}.url", command["url"])
        elif not socket_mode:
            problems.append(f"{where}.url: required unless socket_mode_enabled")

    oauth = _keys(problems, "oauth_config", top.get("oauth_config", {}), OAUTH_KEYS)
    scopes = _keys(problems, "oauth_config.scopes", oauth.get("scopes", {}), SCOPE_KEYS)
    bot_scopes = scopes.get("bot", [])
    if not isinstance(bot_scopes, list) or len(bot_scopes) > 255:
        problems.append("oauth_config.scopes.bot: a list of at most 255 scopes")
        bot_scopes = []
    problems.extend(f"oauth_config.scopes.bot: {scope!r} is not a bot scope Slack knows"
                    for scope in bot_scopes if scope not in BOT_SCOPES)
    problems.extend(f"oauth_config.scopes.bot: {scope!r} is listed twice"
                    for scope in sorted({s for s in bot_scopes if bot_scopes.count(s) > 1}))
    for scope, companions in COMPANION_SCOPES.items():
        if scope in bot_scopes:
            problems.extend(f"oauth_config.scopes.bot: {scope} needs {other} requested with it"
                            for other in sorted(companions - set(bot_scopes)))
    if bot_scopes and "bot_user" not in features:
        problems.append("features.bot_user: required for bot scopes")

    events = _keys(problems, "settings.event_subscriptions", settings.get("event_subscriptions", {}),
                   EVENT_SUBSCRIPTION_KEYS)
    bot_events = events.get("bot_events", [])
    if not isinstance(bot_events, list) or len(bot_events) > 100:
        problems.append("settings.event_subscriptions.bot_events: a list of at most 100 events")
        bot_events = []
    for event in bot_events:
        if event not in EVENT_SCOPES:
            problems.append(f"settings.event_subscriptions.bot_events: {event!r} is not an event this test knows")
            continue
        problems.extend(f"settings.event_subscriptions.bot_events: {event} needs the bot scope {scope}"
                        for scope in sorted(EVENT_SCOPES[event] - set(bot_scopes)))
    if "request_url" in events:
        _url(problems, "settings.event_subscriptions.request_url", events["request_url"])
    elif bot_events and not socket_mode:
        problems.append("settings.event_subscriptions.request_url: required unless socket_mode_enabled")

    if "interactivity" in settings:
        interactivity = _keys(problems, "settings.interactivity", settings["interactivity"], INTERACTIVITY_KEYS,
                              {"is_enabled"})
        _flag(problems, "settings.interactivity", interactivity, "is_enabled")
        for key in ("request_url", "message_menu_options_url"):
            if key in interactivity:
                _url(problems, f"settings.interactivity.{key}", interactivity[key])
        if interactivity.get("is_enabled") is True and "request_url" not in interactivity and not socket_mode:
            problems.append("settings.interactivity.request_url: required unless socket_mode_enabled")
    return problems


# --- what the code does -------------------------------------------------------------------------------------------

# gateway.call("chat.postMessage", ...), self.call(...), client.api_call("...")
LITERAL_CALL = re.compile(r"""\.(?:call|api_call)\(\s*["']([a-z]+(?:\.[A-Za-z]+)+)["']""")
# client.views_open(...), self.client.files_upload_v2(...): a slack_sdk WebClient method
CLIENT_METHOD = re.compile(r"\bclient\.([a-z]+_[A-Za-z0-9_]+)\s*\(")
BOLT_UTILITY = re.compile(r"(?<![\w.])(say|respond)\s*\(")
EVENT = re.compile(r"""\bapp\.event\(\s*["']([\w.]+)["']""")
MESSAGE_LISTENER = re.compile(r"\bapp\.message\(")
COMMAND = re.compile(r"""\bapp\.command\(\s*["'](/[\w-]+)["']""")
INTERACTIVE = re.compile(r"\bapp\.(?:action|view|shortcut|options|block_action|view_submission)\(")
SLACK_ROUTE = re.compile(r"""Route\(\s*["'](/slack/[^"']*)["']([^)]*)\)""")


def _without_comments(text: str) -> str:
    tokens = [token for token in tokenize.generate_tokens(io.StringIO(text).readline)
              if token.type != tokenize.COMMENT]
    return tokenize.untokenize(tokens)


@cache
def sources() -> dict[Path, str]:
    files = sorted(path for folder in SOURCE_DIRS for path in (ROOT / folder).rglob("*.py"))
    return {path: _without_comments(path.read_text(encoding="utf-8")) for path in files}


@cache
def web_client_methods(name: str) -> frozenset[str]:
    """The Web API methods a WebClient method calls, read from slack_sdk's source (files_upload_v2 calls two)."""
    source = inspect.getsource(getattr(WebClient, name))
    methods = set(re.findall(r"""api_call\(\s*["']([\w.]+)["']""", source))
    for inner in set(re.findall(r"self\.([a-z]+_[A-Za-z0-9_]+)\(", source)):
        if inner != name and callable(getattr(WebClient, inner, None)) and not inner.startswith("_"):
            methods |= web_client_methods(inner)
    return frozenset(methods)


def called_methods() -> dict[str, set[str]]:
    """Web API method -> the files calling it."""
    found: dict[str, set[str]] = {}

    def note(method: str, path: Path) -> None:
        found.setdefault(method, set()).add(str(path.relative_to(ROOT)))

    for path, text in sources().items():
        for method in LITERAL_CALL.findall(text):
            note(method, path)
        for name in CLIENT_METHOD.findall(text):
            if name != "api_call" and callable(getattr(WebClient, name, None)):
                for method in web_client_methods(name):
                    note(method, path)
        for utility in BOLT_UTILITY.findall(text):
            for method in BOLT_UTILITIES[utility]:
                note(method, path)
    note("auth.test", ROOT / "bot")  # Bolt's single-workspace authorization calls it once
    return found


def subscribed_events() -> set[str]:
    return {event for text in sources().values() for event in EVENT.findall(text)}


def needed_scopes() -> dict[str, str]:
    """Scope -> why the code needs it."""
    needed: dict[str, str] = {}
    for method in sorted(called_methods()):
        for scope in METHOD_SCOPES.get(method, ()):
            needed.setdefault(scope, method)
    for event in sorted(subscribed_events()):
        for scope in EVENT_SCOPES.get(event, ()):
            needed.setdefault(scope, f"the {event} event")
    if any(COMMAND.search(text) for text in sources().values()):
        needed.setdefault("commands", "slash commands")
    for scope, companions in COMPANION_SCOPES.items():
        if scope in needed:
            for other in companions:
                needed.setdefault(other, f"{scope} (Slack grants it only with {other})")
    return needed


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bot_scopes(manifest) -> set[str]:
    return set(manifest["oauth_config"]["scopes"]["bot"])


# --- the tests ----------------------------------------------------------------------------------------------------

def test_manifest_follows_slacks_manifest_rules(manifest):
    assert manifest_problems(manifest) == []


def test_manifest_settings(manifest):
    settings = manifest["settings"]
    assert settings["org_deploy_enabled"] is False
    assert settings["token_rotation_enabled"] is False
    assert isinstance(settings["socket_mode_enabled"], bool)
    assert settings["event_subscriptions"]["bot_events"]


def test_the_scan_sees_the_code():
    """Guards the scan itself: if the gateway's calling style changes, this fails before scopes go unchecked."""
    assert sources(), f"no Python files under {SOURCE_DIRS} in {ROOT}"
    methods = called_methods()
    for method in ("chat.postMessage", "conversations.create", "conversations.invite", "users.lookupByEmail",
                   "files.completeUploadExternal", "views.open"):
        assert method in methods, f"the scan no longer finds {method}: update the regexes in {__name__}"
    assert "app_mention" in subscribed_events()


def test_the_tables_use_real_scopes():
    for method, scopes in METHOD_SCOPES.items():
        assert scopes <= BOT_SCOPES, f"{method}: {sorted(scopes - BOT_SCOPES)}"
    for event, scopes in EVENT_SCOPES.items():
        assert scopes <= BOT_SCOPES, f"{event}: {sorted(scopes - BOT_SCOPES)}"


def test_every_called_method_has_its_scopes(bot_scopes):
    methods = called_methods()
    unknown = {method: sorted(files) for method, files in methods.items() if method not in METHOD_SCOPES}
    assert not unknown, f"Slack methods missing from METHOD_SCOPES (add their bot scopes from Slack's docs): {unknown}"
    missing = [f"{method} (in {', '.join(sorted(methods[method]))}) needs {scope}"
               for method in sorted(methods) for scope in sorted(METHOD_SCOPES[method] - bot_scopes)]
    assert not missing, "slack-app-manifest.yml lacks bot scopes:\n" + "\n".join(missing)


def test_subscribed_events_match_the_manifest(manifest, bot_scopes):
    assert not any(MESSAGE_LISTENER.search(text) for text in sources().values()), \
        "app.message(...) subscribes to message.* events: add them to EVENT_SCOPES and the manifest"
    in_code = subscribed_events()
    in_manifest = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert in_code - in_manifest == set(), "the code listens for events the manifest does not subscribe to"
    assert in_manifest - in_code == set(), "the manifest subscribes to events no code listens for"
    missing = [f"the {event} event needs {scope}" for event in sorted(in_code)
               for scope in sorted(EVENT_SCOPES.get(event, frozenset()) - bot_scopes)]
    assert not missing, "slack-app-manifest.yml lacks bot scopes:\n" + "\n".join(missing)


def test_no_scope_is_unused(bot_scopes):
    needed = needed_scopes()
    unused = sorted(bot_scopes - set(needed))
    assert not unused, (f"slack-app-manifest.yml asks for bot scopes no called method or event needs: {unused}. "
                        f"Remove them, or add the method that needs them to METHOD_SCOPES.")


def test_slash_commands_and_urls_match_the_app(manifest):
    in_code = {command for text in sources().values() for command in COMMAND.findall(text)}
    commands = manifest["features"]["slash_commands"]
    assert {entry["command"] for entry in commands} == in_code == {"/crisis"}

    factories = [text for text in sources().values() if "SlackRequestHandler(" in text]
    assert len(factories) == 1, "expected one app factory wiring Bolt's SlackRequestHandler into the web app"
    routes = SLACK_ROUTE.findall(factories[0])
    assert len(routes) == 1, f"expected one Slack route in the app factory, found {routes}"
    path, options = routes[0]
    assert path == "/slack/events" and "POST" in options

    settings = manifest["settings"]
    interactive = any(INTERACTIVE.search(text) for text in sources().values())
    assert settings["interactivity"]["is_enabled"] is interactive
    urls = {"features.slash_commands[/crisis].url": commands[0]["url"],
            "settings.event_subscriptions.request_url": settings["event_subscriptions"]["request_url"],
            "settings.interactivity.request_url": settings["interactivity"]["request_url"]}
    for where, url in urls.items():
        assert urlsplit(url).scheme == "https", where
        assert urlsplit(url).path == path, f"{where}: {url} does not end in the served route {path}"
    assert len({urlsplit(url).netloc for url in urls.values()}) == 1, "one host for every Slack request URL"


# The schema checks catch what they claim to catch.
@pytest.mark.parametrize("change, problem", [
    (lambda m: m["display_information"].update(description="x" * 141), "description: 141 characters"),
    (lambda m: m["display_information"].update(long_description="too short"), "long_description: 9 characters"),
    (lambda m: m["display_information"].update(name="n" * 36), "name: 36 characters"),
    (lambda m: m["display_information"].update(background_color="b3261e"), "background_color"),
    (lambda m: m["display_information"].update(colour="#fff"), "display_information.colour: not a key"),
    (lambda m: m.update(scopes=[]), "manifest.scopes: not a key"),
    (lambda m: m["features"]["slash_commands"][0].update(command="crisis"), "command: 'crisis'"),
    (lambda m: m["features"]["slash_commands"][0].update(usage_hint="u" * 1001), "usage_hint: 1001 characters"),
    (lambda m: m["features"]["slash_commands"][0].update(description="d" * 2001), "description: 2001 characters"),
    (lambda m: m["features"]["slash_commands"][0].pop("description"), "description: required"),
    (lambda m: m["features"]["slash_commands"][0].update(url="http://x.example/slack/events"), "not a full https"),
    (lambda m: m["features"]["slash_commands"][0].pop("url"), "url: required unless socket_mode_enabled"),
    (lambda m: m["settings"]["interactivity"].update(request_url="/slack/events"), "not a full https"),
    (lambda m: m["settings"]["event_subscriptions"]["bot_events"].append("reaction_addded"), "'reaction_addded'"),
    (lambda m: m["oauth_config"]["scopes"]["bot"].remove("reactions:read"), "reaction_added needs the bot scope"),
    (lambda m: m["oauth_config"]["scopes"]["bot"].remove("users:read"), "users:read.email needs users:read"),
    (lambda m: m["oauth_config"]["scopes"]["bot"].append("chat:write:bot"), "'chat:write:bot' is not a bot scope"),
    (lambda m: m["settings"].update(socket_mode_enabled="no"), "socket_mode_enabled: must be true or false"),
])
def test_the_rules_catch_mistakes(manifest, change, problem):
    broken = yaml.safe_load(yaml.safe_dump(manifest))
    change(broken)
    problems = manifest_problems(broken)
    assert any(problem in line for line in problems), problems


SHORTCUT = re.compile(r"""\bapp\.shortcut\(\s*([A-Z_]+|["'][\w-]+["'])""")


def test_shortcuts_and_home_tab_match_the_code(manifest):
    """Every shortcut the manifest offers has a listener (a callback id Slack sends and nobody handles would answer
    "nothing handles this"), and the Home tab is enabled exactly when the code publishes it."""
    from handlers.incidents.declare import SHORTCUT as DECLARE
    found = {name for text in sources().values() for name in SHORTCUT.findall(text)}
    assert found == {"SHORTCUT"}, f"update this test for the new shortcut listeners {found}"
    shortcuts = manifest["features"]["shortcuts"]
    assert [(s["type"], s["callback_id"]) for s in shortcuts] == [("message", DECLARE)]
    for entry in shortcuts:
        assert 1 <= len(entry["name"]) <= 24 and 1 <= len(entry["description"]) <= 150
    home = manifest["features"]["app_home"]["home_tab_enabled"]
    assert home is ("app_home_opened" in subscribed_events())
