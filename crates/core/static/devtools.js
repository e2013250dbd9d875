// devtools — the small shared script. Every page works without it; it only adds conveniences.
"use strict";
document.documentElement.classList.add("js");

// Copy buttons: <button class="copy-button" data-copy-target="#id"> copies a field's value or an element's text as
// rendered (innerText: a table comes out as tab-separated rows, ready for a spreadsheet); data-copy-text copies its
// own value; data-copy-url ("Copy link") copies the address as it is now (tool scripts keep the state in it).
function copyText(button) {
  if ("copyUrl" in button.dataset) return window.location.href;
  if ("copyText" in button.dataset) return button.dataset.copyText;
  const target = document.querySelector(button.dataset.copyTarget);
  if (!target) return null;
  if (target.matches("input, textarea, select")) return target.value;
  // A table as tab-separated rows, one line per row even where a cell shows two lines (cron's local time over
  // UTC), ready for a spreadsheet.
  if (target.matches("table")) {
    const cell = (c) => c.innerText.trim().replace(/\s*\n\s*/g, " ");
    return [...target.rows].map((row) => [...row.cells].map(cell).join("\t")).join("\n");
  }
  // Preformatted text is copied as it is (a substitution result's edge whitespace is part of it).
  return target.closest("pre") ? target.innerText : target.innerText.trim();
}
// Shows a short confirmation in the button, then its own label again (also after quick repeated clicks).
function flash(button, message, ok) {
  button.dataset.label ??= button.textContent;
  button.textContent = message;
  if (ok) button.dataset.copied = ""; else delete button.dataset.copied;
  clearTimeout(button.flashTimer);
  button.flashTimer = setTimeout(() => {
    button.textContent = button.dataset.label;
    delete button.dataset.copied;
  }, 1500);
}
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target], [data-copy-url], [data-copy-text]");
  if (!button) return;
  const text = copyText(button);
  if (text === null) return;
  try {
    await navigator.clipboard.writeText(text);
    flash(button, "Copied", true);
  } catch (_) {
    flash(button, "Copy failed", false);
  }
});

// "Copy link" only while the address holds state (a query, or a fragment of fields as the regex page keeps): a
// page without input — the status list unfiltered, a 404, a tool before any input — has nothing to share. Every
// script that changes the address does it with history.replaceState, so that is where the button follows it.
function showShareLink() {
  const state = window.location.search.length > 1 || window.location.hash.includes("=");
  for (const button of document.querySelectorAll("[data-copy-url]")) {
    (button.closest(".share-link") || button).hidden = !state;
  }
}
const replaceState = history.replaceState.bind(history);
history.replaceState = (...args) => {
  replaceState(...args);
  showShareLink();
};
showShareLink();

// Filter as you type: <input data-filter="#list"> hides [data-filter-text] items that do not match, and hides
// groups ([data-filter-group]) left empty. An item's text is what it shows plus its data-filter-text (words it does
// not show), so the page carries no second copy of it. The same filter runs on the server for ?q= without
// JavaScript, on the same text and by the same rule (matches_query in crates/http-status/src/search.rs): every
// term, lowercase and without apostrophes, begins a word of the text, never the inside of one (a term with inner
// punctuation is several words); "4xx" stands for a class, the items whose first word (the code) starts with 4.
const filterWords = (text) =>
  text.toLowerCase().replace(/['\u2018\u2019\u02bc]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
function filterMatches(text, terms) {
  const words = filterWords(text);
  return terms.every((term) => {
    const group = /^([1-5])xx$/i.exec(term);
    if (group) return /^\d{3}$/.test(words[0] || "") && words[0].startsWith(group[1]);
    const parts = filterWords(term);
    return parts.length > 0 && parts.every((part) => words.some((word) => word.startsWith(part)));
  });
}
function applyFilter(input) {
  const root = document.querySelector(input.dataset.filter);
  if (!root) return;
  const terms = input.value.split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of root.querySelectorAll("[data-filter-text]")) {
    const match = filterMatches(`${item.textContent} ${item.dataset.filterText}`, terms);
    item.hidden = !match;
    if (match) shown++;
  }
  for (const group of root.querySelectorAll("[data-filter-group]")) {
    group.hidden = !group.querySelector("[data-filter-text]:not([hidden])");
  }
  const count = document.querySelector(input.dataset.filterCount || "#filter-count");
  if (count) count.textContent = shown === 1 ? "1 match" : `${shown} matches`;
  const url = new URL(window.location.href);
  if (input.value) url.searchParams.set(input.name || "q", input.value);
  else url.searchParams.delete(input.name || "q");
  history.replaceState(null, "", url);
}
for (const input of document.querySelectorAll("[data-filter]")) {
  input.addEventListener("input", () => applyFilter(input));
  // A static copy has no server to filter for ?q= (a reload, a shared link, Enter in the box): the address's
  // query is applied here. A served page comes filtered with the box filled, and is left as it is.
  const asked = new URL(window.location.href).searchParams.get(input.name || "q");
  if (asked && !input.value) {
    input.value = asked;
    applyFilter(input);
  }
}

// Site-wide search in the header: live results from /api/search, arrow keys to move, Enter to open, Escape to
// close; "/" or Ctrl/Cmd+K focuses it from anywhere. Without JavaScript the form submits to /search.
(() => {
  const input = document.getElementById("site-search");
  const list = document.getElementById("site-search-results");
  if (!input || !list) return;
  let active = -1;
  let timer = 0;
  let sequence = 0;
  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const select = (index) => {
    const items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  };
  const render = (results) => {
    list.replaceChildren();
    if (!results.length) {
      const empty = document.createElement("li");
      empty.className = "site-search__empty";
      empty.textContent = "No tool or status code matches.";
      list.append(empty);
    }
    results.forEach((result, i) => {
      const item = document.createElement("li");
      item.id = `site-search-option-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      const link = document.createElement("a");
      link.href = result.href;
      link.tabIndex = -1;
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = result.label;
      const title = document.createElement("span");
      title.textContent = result.title;
      const summary = document.createElement("span");
      summary.className = "summary";
      summary.textContent = result.summary;
      link.append(label, title, summary);
      item.append(link);
      list.append(item);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  };
  // The server reads only the first MAX_QUERY_LEN (200) characters; maxlength does not bound a value a script or
  // an extension sets, and a longer one would make a URL the server refuses.
  const current = () => input.value.trim().slice(0, 200);
  const lookup = async () => {
    const query = current();
    if (!query) { close(); return; }
    const mine = ++sequence;
    try {
      // `data-base` is where the site is mounted (`devtools serve --base-path`), empty at the root.
      const base = document.documentElement.dataset.base || "";
      const response = await fetch(`${base}/api/search?q=${encodeURIComponent(query)}`);
      const body = await response.json();
      if (mine === sequence && current() === query) render(body.results || []);
    } catch (_) {
      close();
    }
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 60); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) lookup(); else select(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); select(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].querySelector("a").href;
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if ((event.key === "/" && !typing) || (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();

// Live results, the one mechanism every tool uses: the server renders the same HTML a plain form submission
// returns, and a tool script asks for the result part of it and swaps it in. A tool's script calls
// `devtoolsLive(form, target, extra)` when its inputs change (it decides when, debounced): the form is sent to its
// own action with its own method plus `fragment=1` and `extra` (which picks what to render and never goes in the
// address), and the answer (always 200, the error message rendered inside it) replaces `target`'s children. A
// newer call for the same target aborts an older one in flight; `target` is aria-busy meanwhile. GET forms keep
// their state in the address (shareable); POST forms, which carry tokens and texts, never put them in a URL.
// A field's value is sent cut to one character past its maxlength (a script or an extension can set more): enough
// for the server to say it is too long, without building an address the server refuses.
window.devtoolsLive = (() => {
  const pending = new WeakMap();
  function fields(form) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      const field = form.elements.namedItem(name);
      const max = field && field.maxLength > 0 ? field.maxLength + 1 : Infinity;
      params.append(name, typeof value === "string" && value.length > max ? value.slice(0, max) : value);
    }
    return params;
  }
  return async function live(form, target, extra = {}) {
    if (!form || !target) return;
    pending.get(target)?.abort();
    const controller = new AbortController();
    pending.set(target, controller);
    const params = fields(form);
    const get = (form.method || "get").toLowerCase() === "get";
    if (get) {
      history.replaceState(null, "", `${window.location.pathname}?${params}${window.location.hash}`);
    }
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    params.set("fragment", "1");
    const action = new URL(form.action || window.location.href, window.location.href);
    const init = { signal: controller.signal, cache: "no-store", credentials: "same-origin" };
    target.setAttribute("aria-busy", "true");
    try {
      const response = get
        ? await fetch(`${action.pathname}?${params}`, init)
        : await fetch(action.pathname, { ...init, method: "POST", body: params });
      const html = await response.text();
      if (controller.signal.aborted) return;
      // Rendered by the server's autoescaping templates, like the page itself.
      target.innerHTML = html;
      target.dispatchEvent(new CustomEvent("devtools:live", { bubbles: true }));
    } catch (error) {
      if (error.name === "AbortError") return;
      const message = document.createElement("p");
      message.className = "field-error";
      message.textContent = "Could not reach the server; press the button to submit the form instead.";
      target.replaceChildren(message);
    } finally {
      if (pending.get(target) === controller) target.removeAttribute("aria-busy");
    }
  };
})();
