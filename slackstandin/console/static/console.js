// The drill console: polls the workspace picture, draws it, and sends what the chosen person does.
"use strict";
(function () {
  const { el } = window.Mrkdwn;
  const $ = (id) => document.getElementById(id);
  const state = { picture: null, version: "", current: null, me: localStorage.getItem("crisisdesk.me"),
                  seen: null, modalKey: "" };

  async function send(what, body) {
    const answer = await fetch("/console/act/" + what, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const reply = await answer.json().catch(() => ({ error: "the console answered " + answer.status }));
    if (!answer.ok) throw new Error(reply.error || "failed");
    poll();
    return reply;
  }

  function status(text, failed) {
    $("status").textContent = text;
    $("status").className = failed ? "error" : "";
  }

  async function attempt(what, body, done) {
    try {
      const reply = await send(what, body);
      if (done) status(done + (reply.done && reply.done.startsWith("the app") ? " — " + reply.done : ""));
      return reply;
    } catch (error) {
      status(error.message, true);
      return null;
    }
  }

  function context() {
    const channels = {};
    state.picture.channels.forEach((c) => { channels[c.id] = c; });
    return { users: state.picture.users, channels, act: () => {} };
  }

  function visible(channel) {
    return channel.lines.filter((line) => line.for === null || line.for === state.me);
  }

  function label(channel) {
    const users = state.picture.users;
    if (channel.kind === "dm") return "crisisdesk ↔ " + ((users[channel.dm_user] || {}).real_name || channel.dm_user);
    if (channel.kind === "group") return channel.members.map((m) => (users[m] || {}).name || m).join(", ");
    return (channel.private ? "🔒 " : "# ") + channel.name;
  }

  function drawSidebar() {
    for (const [list, kinds] of [["channels", ["channel"]], ["dms", ["dm", "group"]]]) {
      const ul = $(list);
      ul.replaceChildren();
      state.picture.channels.filter((c) => kinds.includes(c.kind)).forEach((c) => {
        const count = visible(c).length;
        const unread = count - (state.seen[c.id] || 0);
        const a = el("a", "conv", label(c));
        a.href = "#" + c.id;
        a.dataset.id = c.id;
        a.dataset.name = c.name || "";
        if (c.id === state.current) a.classList.add("current");
        else if (unread > 0) {
          a.classList.add("unread");
          a.appendChild(el("span", "badge", String(unread)));
        }
        if (!c.members.includes(state.me)) a.classList.add("not-member");
        ul.appendChild(el("li")).appendChild(a);
      });
    }
  }

  function author(line) {
    const users = state.picture.users;
    if (line.kind !== "message" || line.user === state.picture.bot) return "crisisdesk";
    return (users[line.user] || {}).real_name || line.user;
  }

  function drawLine(channel, line, ctx) {
    if (line.kind === "note") return el("div", "note").appendChild(window.Mrkdwn.render(line.text, ctx)).parentNode;
    const box = el("div", "msg " + line.kind);
    if (line.ts) box.dataset.ts = line.ts;
    const meta = box.appendChild(el("div", "meta"));
    meta.appendChild(el("span", "author", author(line)));
    if (line.kind !== "message" || line.user === state.picture.bot) meta.appendChild(el("span", "app", "APP"));
    meta.appendChild(el("span", "time", new Date(line.at * 1000).toLocaleTimeString()));
    if (line.edited) meta.appendChild(el("span", "edited", "(edited)"));
    if (line.pinned) {
      box.classList.add("pinned");
      meta.appendChild(el("span", "pinned-mark", "📌 Pinned"));
    }
    if (line.for) meta.appendChild(el("span", "only-you", "Only visible to you"));
    if (line.thread_ts && line.thread_ts !== line.ts) box.appendChild(el("div", "thread", "↳ replied in a thread"));
    const lineCtx = { ...ctx, act: (action, block) => click(channel, line, action, block) };
    if (line.kind === "file") {
      if (line.comment) box.appendChild(window.Mrkdwn.render(line.comment, ctx));
      const card = box.appendChild(el("div", "file"));
      if (line.image) {
        const img = card.appendChild(el("img"));
        img.src = "/console/files/" + encodeURIComponent(line.id);
        img.alt = line.title || line.name;
      } else {
        const link = card.appendChild(el("a", "file-card", "📄 " + (line.title || line.name) + " (" + line.size + " bytes)"));
        link.href = "/console/files/" + encodeURIComponent(line.id);
        link.download = line.name;
      }
      return box;
    }
    box.appendChild(line.blocks.length ? window.Blocks.render(line.blocks, lineCtx) : window.Mrkdwn.render(line.text, ctx));
    if (line.reactions && line.reactions.length) {
      box.appendChild(el("div", "reactions")).appendChild(el("span", null, "📌 " + line.reactions.length));
    }
    if (line.kind === "message") {
      const pin = box.appendChild(el("button", "pin-action", "📌"));
      pin.type = "button";
      pin.title = "React with :pushpin: (puts it on the incident's timeline)";
      pin.addEventListener("click", () => attempt("react", { user: state.me, channel: channel.id, ts: line.ts,
                                                             author: line.user }, "📌 added"));
    }
    return box;
  }

  function drawConversation() {
    const channel = state.picture.channels.find((c) => c.id === state.current);
    const list = $("messages");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren();
    if (!channel) return;
    $("conversation-title").textContent = label(channel);
    $("conversation-topic").textContent = window.Mrkdwn.plain(channel.topic);
    const ctx = context();
    const lines = visible(channel);
    lines.forEach((line) => list.appendChild(drawLine(channel, line, ctx)));
    state.seen[channel.id] = lines.length;
    if (atBottom || state.jump) list.scrollTop = list.scrollHeight;
    state.jump = false;
  }

  function click(channel, line, action, block) {
    const message = { ts: line.ts, text: line.text, blocks: line.blocks };
    const what = { action_id: action.action_id, block_id: block.block_id, value: action.value };
    attempt("click", { user: state.me, channel: channel.id, message, action: what,
                       ephemeral: line.kind !== "message" }, "clicked " + (action.text && action.text.text));
  }

  function drawModal() {
    const modal = state.picture.modals.find((m) => m.user === state.me);
    const key = modal ? JSON.stringify(modal) : "";
    if (key === state.modalKey) return;  // redrawing would lose what is being typed
    state.modalKey = key;
    const box = $("modal");
    box.replaceChildren();
    box.hidden = !modal;
    if (!modal) return;
    const form = box.appendChild(el("form"));
    form.dataset.viewId = modal.view_id;
    form.appendChild(el("h2", null, window.Mrkdwn.plain(modal.view.title && modal.view.title.text)));
    form.appendChild(window.Blocks.render(modal.view.blocks, { ...context(), errors: modal.errors,
                                                              act: () => status("buttons in forms are not simulated", true) }));
    const buttons = form.appendChild(el("div", "buttons"));
    const cancel = buttons.appendChild(el("button", "cancel", (modal.view.close || {}).text || "Cancel"));
    cancel.type = "button";
    cancel.addEventListener("click", () => attempt("close", { user: state.me, view_id: modal.view_id }, "closed"));
    if (modal.view.submit) buttons.appendChild(el("button", "submit", modal.view.submit.text)).type = "submit";
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt("submit", { user: state.me, view_id: modal.view_id, values: window.Blocks.values(form) }, "submitted");
    });
  }

  function drawPeople() {
    const select = $("person");
    if (select.options.length) return;
    state.picture.people.forEach((p) => { select.appendChild(el("option", null, p.label)).value = p.id; });
    if (!state.picture.people.some((p) => p.id === state.me)) state.me = state.picture.people[0].id;
    select.value = state.me;
  }

  function draw() {
    drawPeople();
    if (!state.seen) {  // what was there when the page opened counts as read
      state.seen = {};
      state.picture.channels.forEach((c) => { state.seen[c.id] = visible(c).length; });
    }
    if (!state.current || !state.picture.channels.some((c) => c.id === state.current)) {
      const first = state.picture.channels.find((c) => c.kind === "channel");
      state.current = first ? first.id : null;
    }
    drawSidebar();
    drawConversation();
    drawModal();
  }

  async function poll() {
    try {
      const answer = await fetch("/console/state?since=" + encodeURIComponent(state.version));
      const picture = await answer.json();
      if (picture.channels) {
        state.picture = picture;
        state.version = picture.version;
        draw();
      }
    } catch (error) {
      status("the drill stopped? " + error.message, true);
    }
  }

  function open(id) {
    state.current = id;
    state.jump = true;
    if (state.picture) draw();
  }

  $("sidebar").addEventListener("click", (event) => {
    const a = event.target.closest("a.conv");
    if (a) { event.preventDefault(); open(a.dataset.id); }
  });
  $("messages").addEventListener("click", (event) => {
    const a = event.target.closest("a.channel-link");
    if (a) { event.preventDefault(); open(a.dataset.channel); }
  });
  $("person").addEventListener("change", (event) => {
    state.me = event.target.value;
    localStorage.setItem("crisisdesk.me", state.me);
    state.modalKey = "-";
    draw();
  });
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("composer-text");
    if (await attempt("type", { user: state.me, channel: state.current, text: input.value }, "sent: " + input.value)) {
      input.value = "";
    }
  });
  function fire(resolved) {
    attempt("alert", { kind: $("alert-kind").value, title: $("alert-title").value, severity: $("alert-severity").value,
                       resolved }, resolved ? "alert resolved" : "alert fired");
  }
  $("alert-form").addEventListener("submit", (event) => { event.preventDefault(); fire(false); });
  $("resolve-alert").addEventListener("click", () => fire(true));
  function burst(count, followers) {
    attempt("mentions", { source: $("mentions-source").value, text: $("mentions-text").value, count, followers,
                          language: $("mentions-language").value }, "sent " + count + " mention(s)");
  }
  $("mentions-form").addEventListener("submit", (event) => {
    event.preventDefault();
    burst(Number($("mentions-count").value), Number($("mentions-followers").value));
  });
  $("send-high-reach").addEventListener("click", () => burst(1, 250000));

  poll();
  setInterval(poll, 1000);
})();
