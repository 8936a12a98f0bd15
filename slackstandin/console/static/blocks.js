// Block Kit as DOM nodes: sections (text, fields, accessory), headers, context, dividers, actions (buttons),
// images from uploaded files, rich text, and the input blocks of modals. Text goes through Mrkdwn, never markup.
"use strict";
(function () {
  const { el } = window.Mrkdwn;

  function text(obj, ctx) {
    if (!obj) return el("span");
    if (obj.type === "mrkdwn") return window.Mrkdwn.render(obj.text, ctx);
    return el("span", "plain", window.Mrkdwn.plain(obj.text));
  }

  // A button; a click is the page's `act(element, block)`, which sends Slack's block_actions.
  function element(item, block, ctx) {
    if (item.type === "button") {
      const button = el("button", "block-button " + (item.style || ""), window.Mrkdwn.plain(item.text && item.text.text));
      button.type = "button";
      button.dataset.actionId = item.action_id || "";
      button.dataset.value = item.value || "";
      if (item.url) button.title = item.url;
      button.addEventListener("click", () => ctx.act(item, block));
      return button;
    }
    if (item.type === "image") return el("span", "image-alt", "[image: " + (item.alt_text || "") + "]");
    if (item.type === "mrkdwn" || item.type === "plain_text") return text(item, ctx);
    return el("span", "unsupported", "[" + item.type + "]");
  }

  function richText(node, parent, ctx) {
    for (const part of node.elements || []) {
      if (part.type === "text") parent.appendChild(document.createTextNode(part.text || ""));
      else if (part.type === "user") parent.appendChild(window.Mrkdwn.render("<@" + part.user_id + ">", ctx));
      else if (part.type === "channel") parent.appendChild(window.Mrkdwn.render("<#" + part.channel_id + ">", ctx));
      else if (part.type === "link") parent.appendChild(window.Mrkdwn.render("<" + part.url + "|" + (part.text || part.url) + ">", ctx));
      else if (part.type === "emoji") parent.appendChild(document.createTextNode(window.Mrkdwn.plain(":" + part.name + ":")));
      else if (part.elements) richText(part, parent.appendChild(el("div")), ctx);
    }
  }

  function image(block, ctx) {
    const file = block.slack_file && block.slack_file.id;
    if (file) {
      const img = el("img", "block-image");
      img.src = "/console/files/" + encodeURIComponent(file);
      img.alt = block.alt_text || "";
      return img;
    }
    // An image from the internet: the console loads nothing from outside, so it shows the link instead.
    return window.Mrkdwn.render("<" + (block.image_url || "") + "|" + (block.alt_text || "image") + ">", ctx);
  }

  function block(b, ctx) {
    const box = el("div", "block block-" + b.type);
    if (b.block_id) box.dataset.blockId = b.block_id;
    if (b.type === "section") {
      if (b.text) box.appendChild(text(b.text, ctx));
      if (b.fields) {
        const fields = box.appendChild(el("div", "fields"));
        b.fields.forEach((f) => fields.appendChild(text(f, ctx)));
      }
      if (b.accessory) box.appendChild(el("div", "accessory")).appendChild(element(b.accessory, b, ctx));
    } else if (b.type === "header") {
      box.appendChild(el("h3", null, window.Mrkdwn.plain(b.text && b.text.text)));
    } else if (b.type === "context") {
      (b.elements || []).forEach((item) => box.appendChild(element(item, b, ctx)));
    } else if (b.type === "divider") {
      box.appendChild(el("hr"));
    } else if (b.type === "actions") {
      (b.elements || []).forEach((item) => box.appendChild(element(item, b, ctx)));
    } else if (b.type === "image") {
      if (b.title) box.appendChild(el("div", "image-title", b.title.text));
      box.appendChild(image(b, ctx));
    } else if (b.type === "rich_text") {
      richText(b, box, ctx);
    } else if (b.type === "markdown") {
      box.appendChild(window.Mrkdwn.render(b.text, ctx));
    } else if (b.type === "input") {
      box.appendChild(input(b, ctx));
    } else {
      box.appendChild(el("span", "unsupported", "[" + b.type + " block]"));
    }
    return box;
  }

  // A modal's input: a labelled field whose value is read back by `values(form)`.
  function input(b, ctx) {
    const wrap = el("label", "input");
    wrap.appendChild(el("span", "input-label", window.Mrkdwn.plain(b.label && b.label.text) + (b.optional ? " (optional)" : "")));
    const e = b.element || {};
    let field;
    if (e.type === "static_select") {
      field = el("select");
      field.appendChild(el("option", null, "—")).value = "";
      (e.options || []).forEach((o) => {
        const option = field.appendChild(el("option", null, window.Mrkdwn.plain(o.text && o.text.text)));
        option.value = o.value;
      });
      if (e.initial_option) field.value = e.initial_option.value;
    } else {
      field = el(e.multiline ? "textarea" : "input");
      field.value = e.initial_value || "";
      if (e.placeholder) field.placeholder = e.placeholder.text;
      if (e.max_length) field.maxLength = e.max_length;
    }
    field.dataset.blockId = b.block_id || "";
    field.dataset.actionId = e.action_id || "";
    field.dataset.kind = e.type || "plain_text_input";
    field.className = "input-field";
    wrap.appendChild(field);
    if (b.hint) wrap.appendChild(el("span", "hint", b.hint.text));
    if (ctx.errors && ctx.errors[b.block_id]) wrap.appendChild(el("span", "error", ctx.errors[b.block_id]));
    return wrap;
  }

  // view.state.values as Slack sends them with a view_submission.
  function values(form) {
    const state = {};
    form.querySelectorAll(".input-field").forEach((field) => {
      const entry = (state[field.dataset.blockId] = state[field.dataset.blockId] || {});
      if (field.dataset.kind === "static_select") {
        const chosen = field.selectedOptions[0];
        entry[field.dataset.actionId] = { type: "static_select", selected_option: field.value ?
          { text: { type: "plain_text", text: chosen.textContent }, value: field.value } : null };
      } else {
        entry[field.dataset.actionId] = field.value;
      }
    });
    return state;
  }

  function render(blocks, ctx) {
    const out = el("div", "blocks");
    (blocks || []).forEach((b) => out.appendChild(block(b, ctx)));
    return out;
  }

  window.Blocks = { render, values };
})();
