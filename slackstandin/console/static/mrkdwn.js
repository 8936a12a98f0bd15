// Slack's mrkdwn as DOM nodes. Every piece of message text becomes a text node (textContent), never markup:
// what Slack escaped (&lt; &gt; &amp;) is decoded into text, and <...> tokens become mentions and links.
"use strict";
(function () {
  const EMOJI = {
    rotating_light: "🚨", warning: "⚠️", mega: "📣", large_yellow_circle: "🟡", large_green_circle: "🟢",
    red_circle: "🔴", large_orange_circle: "🟠", large_blue_circle: "🔵", calendar: "📅", zzz: "💤", x: "❌",
    white_check_mark: "✅", pushpin: "📌", page_facing_up: "📄", memo: "📝", mag: "🔍", loudspeaker: "📢",
    label: "🏷️", hourglass_flowing_sand: "⏳", file_cabinet: "🗄️", bust_in_silhouette: "👤", arrow_up: "⬆️",
    arrow_down: "⬇️", chart_with_upwards_trend: "📈", chart_with_downwards_trend: "📉", fire: "🔥",
    heavy_check_mark: "✔️", bell: "🔔", no_bell: "🔕", speech_balloon: "💬", eyes: "👀", clock1: "🕐",
    telephone_receiver: "📞", link: "🔗", lock: "🔒", siren: "🚨", point_right: "👉", information_source: "ℹ️",
    book: "📖", test_tube: "🧪", information_desk_person: "💁", heavy_plus_sign: "➕", clipboard: "📋",
    white_circle: "⚪", black_circle: "⚫", stopwatch: "⏱️", busts_in_silhouette: "👥",
  };
  const SAFE_URL = /^https?:\/\//i;  // a link from outside is a link only when it is a web address

  function decode(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  function emoji(text) {
    return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] || whole);
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // One <...> token: a user, a channel, a special mention, a date, or a link.
  function token(body, ctx) {
    const [target, label] = splitOnce(body, "|");
    if (target.startsWith("@")) {
      const user = ctx.users[target.slice(1)];
      return el("span", "mention", "@" + (user ? user.real_name : decode(label || target.slice(1))));
    }
    if (target.startsWith("#")) {
      const id = target.slice(1);
      const channel = ctx.channels[id];
      const link = el("a", "channel-link", "#" + (channel && channel.name ? channel.name : decode(label || id)));
      link.href = "#" + id;
      link.dataset.channel = id;
      return link;
    }
    if (target.startsWith("!")) {
      if (target.startsWith("!subteam^")) return el("span", "mention", decode(label || "@" + target.slice(9)));
      if (target.startsWith("!date^")) return document.createTextNode(decode(label || ""));
      return el("span", "mention", "@" + target.slice(1));
    }
    const url = decode(target);
    if (!SAFE_URL.test(url)) return document.createTextNode(decode(label || target));
    const link = el("a", "link", decode(label || target));
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function splitOnce(text, sep) {
    const at = text.indexOf(sep);
    return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
  }

  // *bold*, _italic_, ~strike~ inside one run of plain text (no tokens in it).
  const STYLES = [[/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/, "b"], [/(^|[^\w_])_([^_\n]+)_(?![\w_])/, "i"],
                  [/(^|[^\w~])~([^~\n]+)~(?![\w~])/, "s"]];

  function styled(text, parent) {
    let best = null;
    for (const [pattern, tag] of STYLES) {
      const m = pattern.exec(text);
      if (m && (!best || m.index + m[1].length < best.start)) {
        best = { start: m.index + m[1].length, end: m.index + m[0].length, inner: m[2], tag };
      }
    }
    if (!best) {
      lines(text, parent);
      return;
    }
    lines(text.slice(0, best.start), parent);
    const node = el(best.tag);
    styled(best.inner, node);
    parent.appendChild(node);
    styled(text.slice(best.end), parent);
  }

  function lines(text, parent) {
    text.split("\n").forEach((part, i) => {
      if (i) parent.appendChild(el("br"));
      if (part) parent.appendChild(document.createTextNode(emoji(decode(part))));
    });
  }

  // Inline: `code` first, then <tokens>, then styles in the text between them.
  function inline(text, parent, ctx) {
    text.split(/(`[^`\n]+`)/).forEach((piece) => {
      if (/^`[^`\n]+`$/.test(piece)) {
        parent.appendChild(el("code", null, decode(piece.slice(1, -1))));
        return;
      }
      piece.split(/(<[^<>\n]+>)/).forEach((part) => {
        if (/^<[^<>\n]+>$/.test(part)) parent.appendChild(token(part.slice(1, -1), ctx));
        else if (part) styled(part, parent);
      });
    });
  }

  // Blocks of text: ``` fences, > quotes, and the rest line by line.
  function render(text, ctx) {
    const out = el("div", "mrkdwn");
    String(text || "").split(/```/).forEach((chunk, i) => {
      if (i % 2 === 1) {
        out.appendChild(el("pre", null, decode(chunk.replace(/^\n/, ""))));
        return;
      }
      let quote = null;
      chunk.split("\n").forEach((line, n, all) => {
        const quoted = /^(&gt;|>) ?/.exec(line);
        if (quoted) {
          if (!quote) quote = out.appendChild(el("blockquote"));
          else quote.appendChild(el("br"));
          inline(line.slice(quoted[0].length), quote, ctx);
          return;
        }
        quote = null;
        inline(line, out, ctx);
        if (n < all.length - 1) out.appendChild(el("br"));
      });
    });
    return out;
  }

  // plain_text (and topics) are escaped the same way; they only skip the formatting and <tokens>.
  window.Mrkdwn = { render, plain: (text) => emoji(decode(String(text || ""))), el };
})();
