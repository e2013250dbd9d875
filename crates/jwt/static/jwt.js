// JWT tool: colours the token as you type and refreshes the server-rendered result (the same HTML a plain form
// POST returns) with fetch. Tokens and keys go only in POST bodies, never in the URL.
"use strict";
(() => {
  const form = document.getElementById("jwt-form");
  if (!form) return;
  const token = document.getElementById("jwt-token");
  const highlight = document.getElementById("jwt-highlight");
  const targets = { decode: document.getElementById("jwt-result"), sign: document.getElementById("jwt-signed") };
  const decodeFields = new Set(["token", "key", "key_encoding", "leeway", "iss", "aud"]);
  const signFields = new Set(["sign_header", "sign_payload", "sign_key", "sign_key_encoding"]);

  function paint() {
    if (!token || !highlight) return;
    highlight.replaceChildren();
    const parts = token.value.split(".");
    const roles = parts.length === 5
      ? ["header", "encrypted-key", "iv", "ciphertext", "tag"]
      : ["header", "payload", "signature"];
    parts.forEach((part, index) => {
      if (index > 0) highlight.append(".");
      const span = document.createElement("span");
      span.className = `jwt-part jwt-part--${roles[index] || "extra"}`;
      span.textContent = part;
      highlight.append(span);
    });
    // A trailing line break needs a character after it to take up its line, as it does in the textarea.
    highlight.append("\u200b");
    highlight.scrollTop = token.scrollTop;
  }

  const pending = {};
  async function refresh(intent) {
    const target = targets[intent];
    if (!target) return;
    if (pending[intent]) pending[intent].abort();
    const controller = new AbortController();
    pending[intent] = controller;
    const body = new URLSearchParams(new FormData(form));
    body.set("intent", intent);
    body.set("fragment", "1");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        signal: controller.signal,
        cache: "no-store",
        credentials: "same-origin",
      });
      const html = await response.text();
      if (controller.signal.aborted) return;
      // The fragment is rendered by the server with autoescaping, like the page itself.
      target.innerHTML = html;
    } catch (error) {
      if (error.name === "AbortError") return;
      const message = document.createElement("p");
      message.className = "field-error";
      message.textContent = "Could not reach the server; press the button to submit the form instead.";
      target.replaceChildren(message);
    }
  }

  const timers = {};
  function schedule(intent, delay) {
    clearTimeout(timers[intent]);
    timers[intent] = setTimeout(() => refresh(intent), delay);
  }

  form.addEventListener("input", (event) => {
    const name = event.target.name;
    if (event.target === token) paint();
    if (decodeFields.has(name)) schedule("decode", 200);
    if (signFields.has(name)) schedule("sign", 300);
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "key_encoding") schedule("decode", 0);
    if (event.target.name === "sign_key_encoding") schedule("sign", 0);
  });
  form.addEventListener("submit", (event) => {
    const intent = event.submitter ? event.submitter.value : "decode";
    // "Load an example" and "Sign, then decode" change several fields at once: let the page reload.
    if (intent !== "decode" && intent !== "sign") return;
    event.preventDefault();
    refresh(intent);
  });
  if (token) {
    token.addEventListener("scroll", () => { highlight.scrollTop = token.scrollTop; });
    paint();
  }
})();
