// JWT tool: colours the token as you type, and refreshes the server-rendered result through devtoolsLive (the same
// HTML a plain form POST returns). The form is a POST form, so tokens and keys go only in POST bodies, never in
// the URL.
"use strict";
(() => {
  const form = document.getElementById("jwt-form");
  if (!form || !window.devtoolsLive) return;
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

  // Each panel has its own result: the decode panel's (intent=decode) and the sign panel's (intent=sign).
  const refresh = (intent) => window.devtoolsLive(form, targets[intent], { intent });

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
    // "Load an example", "Edit and re-sign" and "Sign, then decode" change several fields at once: let the page
    // reload.
    if (intent !== "decode" && intent !== "sign") return;
    event.preventDefault();
    refresh(intent);
  });
  if (token) {
    token.addEventListener("scroll", () => { highlight.scrollTop = token.scrollTop; });
    paint();
  }
})();
