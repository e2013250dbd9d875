// Regex tester: asks the server for the results as you type, through the site's one live-update mechanism
// (`devtoolsLive`: the form is posted, never put in a URL, and the server renders the results exactly as for a
// plain submission), keeps the test but its text in the address's fragment (`#pattern=…&flags=…`, which browsers
// never send to a server) and restores it from there, and marks the part of the pattern an explanation line is
// about. The text is typed by the user and may be a secret: it goes in no address the browser keeps in its history,
// only in the links the user asks for ("Link to this test", "Copy link").
"use strict";
(() => {
  const form = document.getElementById("rx-form");
  const results = document.getElementById("rx-results");
  if (!form || !results || !window.devtoolsLive) return;
  const status = document.getElementById("rx-status");
  const patternInput = document.getElementById("rx-pattern");
  // Longer texts (in UTF-8 bytes) stay out of a link, as out of the server's "Link to this test".
  const MAX_LINK_TEXT = 2000;
  const encoder = new TextEncoder();
  let timer = 0;
  let sequence = 0;
  // The options sit beside the results, outside the <form> element, joined to it by their form="rx-form": so the
  // form's controls are found through form.elements, and their events are caught at the document.
  const controls = (name) => [...form.elements].filter((element) => element.name === name);

  // The test as a fragment carries it: the form's values, the flags as one string, defaults left out; the text
  // only `withText`, for a link the user asks for.
  function currentState(withText) {
    const data = new FormData(form);
    const state = new URLSearchParams();
    state.set("pattern", data.get("pattern") || "");
    const flags = data.getAll("flags").join("");
    if (flags) state.set("flags", flags);
    const text = data.get("text") || "";
    if (withText && text && encoder.encode(text).length <= MAX_LINK_TEXT) state.set("text", text);
    const replace = data.get("replace") || "";
    if (replace) state.set("replace", replace);
    const flavor = data.get("flavor") || "rust";
    if (flavor !== "rust") state.set("flavor", flavor);
    return state;
  }

  // The path and the fragment, no query: a test opened from a link with a query moves into the fragment, its text
  // left out, so what the address holds from then on never reaches a server nor keeps the text. An example's short address (`?example=log-line`) names
  // only the example, so it stays until the test is edited.
  function keepInAddress() {
    history.replaceState(null, "", `${window.location.pathname}#${currentState(false)}`);
    shareWithText();
  }

  // The links that carry the text. The page's "Copy link" copies the address, which leaves the text out, so it is
  // turned into a button that copies the whole test (data-copy-text); it shows once there is a pattern. The
  // server's "Link to this test" in a page rendered without the script is a query (no script reads a fragment
  // there); here it becomes a fragment, which is never sent to a server.
  const copyLink = document.querySelector("[data-copy-url]");
  if (copyLink) delete copyLink.dataset.copyUrl;
  function shareWithText() {
    const link = new URL(`${window.location.pathname}#${currentState(true)}`, window.location.href).href;
    if (copyLink) {
      copyLink.dataset.copyText = link;
      (copyLink.closest(".share-link") || copyLink).hidden = !patternInput.value;
    }
    const shareLink = document.getElementById("rx-share-link");
    if (shareLink && shareLink.search.includes("pattern=")) {
      shareLink.href = `${shareLink.pathname}#${shareLink.search.slice(1)}`;
      const note = document.getElementById("rx-share-note");
      if (note) note.textContent = "(the test is kept after the #, which browsers never send to a server)";
    }
  }

  // Fills the form from the fragment; false when it holds no test.
  function restore() {
    const saved = new URLSearchParams(window.location.hash.slice(1));
    if (!saved.has("pattern")) return false;
    for (const name of ["pattern", "text", "replace"]) {
      const field = form.elements.namedItem(name);
      if (field) field.value = saved.get(name) || "";
    }
    const flags = saved.get("flags") || "";
    for (const box of controls("flags")) box.checked = flags.includes(box.value);
    const flavor = saved.get("flavor") || "rust";
    for (const radio of controls("flavor")) radio.checked = radio.value === flavor;
    return true;
  }

  async function refresh() {
    const mine = ++sequence;
    status.textContent = "Matching…";
    keepInAddress();
    await window.devtoolsLive(form, results);
    if (mine === sequence) status.textContent = "";
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }
  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => {
      if (event.target.form === form) schedule();
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // A button that picks a flavour (the error's "Run it with fancy") sets the form's radio, as its own value
    // would be sent without JavaScript.
    const by = event.submitter;
    if (by && by.name === "flavor") {
      for (const radio of controls("flavor")) radio.checked = radio.value === by.value;
    }
    clearTimeout(timer);
    refresh();
  });
  results.addEventListener("devtools:live", () => {
    if (results.querySelector(".rx-error-span")) patternInput.setAttribute("aria-invalid", "true");
    else patternInput.removeAttribute("aria-invalid");
    // Another flavour has other flags (ecmascript's u, v, y; pcre2's n, J): the answer carries them.
    const next = results.querySelector("template#rx-flags-next");
    if (!next) return;
    const fresh = next.content.getElementById("rx-flags");
    next.remove();
    const shown = document.getElementById("rx-flags");
    if (fresh && shown && fresh.dataset.flavor !== shown.dataset.flavor) shown.replaceWith(fresh);
  });
  window.addEventListener("hashchange", () => {
    if (restore()) refresh();
  });
  if (restore()) refresh();
  else {
    const query = new URLSearchParams(window.location.search);
    if (query.has("pattern")) keepInAddress();
    else shareWithText();
  }

  // Explanation spans are UTF-8 byte offsets; JavaScript strings index UTF-16 code units.
  function indexOfByte(text, byte) {
    let bytes = 0;
    let index = 0;
    for (const ch of text) {
      if (bytes >= byte) break;
      const code = ch.codePointAt(0);
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      index += ch.length;
    }
    return index;
  }

  // The pattern view's text is the pattern, marked or not (the server writes a line break after <pre>, which the
  // parser drops, so a pattern's own leading line break is kept).
  function mark(node) {
    const view = document.getElementById("rx-pattern-view");
    if (!view) return;
    const pattern = view.textContent;
    const start = indexOfByte(pattern, Number(node.dataset.start));
    const end = indexOfByte(pattern, Number(node.dataset.end));
    const highlight = document.createElement("mark");
    highlight.className = start === end ? "rx-pv rx-pv-empty" : "rx-pv";
    highlight.textContent = pattern.slice(start, end);
    view.replaceChildren(pattern.slice(0, start), highlight, pattern.slice(end));
    node.classList.add("rx-node-active");
  }

  function unmark(node) {
    const view = document.getElementById("rx-pattern-view");
    // The marks' text is the pattern's: setting it back unmarks.
    if (view) view.textContent = view.textContent;
    node.classList.remove("rx-node-active");
  }

  for (const [enter, leave] of [["mouseover", "mouseout"], ["focusin", "focusout"]]) {
    results.addEventListener(enter, (event) => {
      const node = event.target.closest(".rx-node");
      if (node) mark(node);
    });
    results.addEventListener(leave, (event) => {
      const node = event.target.closest(".rx-node");
      if (node) unmark(node);
    });
  }
})();
