// Regex tester: re-renders the results as you type (the server renders them, so the page looks the same with and
// without JavaScript), keeps the state in the address, and marks the part of the pattern an explanation line is
// about.
"use strict";
(() => {
  const form = document.getElementById("rx-form");
  const results = document.getElementById("rx-results");
  if (!form || !results) return;
  const status = document.getElementById("rx-status");
  const patternInput = document.getElementById("rx-pattern");
  // Longer texts stay out of the address, as on the server.
  const MAX_LINK_TEXT = 2000;
  let timer = 0;
  let controller = null;

  function formBody() {
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form)) body.append(key, value);
    return body;
  }

  function updateAddress(body) {
    const url = new URL(window.location.href);
    url.search = "";
    url.searchParams.set("pattern", body.get("pattern") || "");
    const flags = body.getAll("flags").join("");
    if (flags) url.searchParams.set("flags", flags);
    const text = body.get("text") || "";
    if (text.length <= MAX_LINK_TEXT) url.searchParams.set("text", text);
    const replace = body.get("replace") || "";
    if (replace) url.searchParams.set("replace", replace);
    const flavor = body.get("flavor") || "rust";
    if (flavor !== "rust") url.searchParams.set("flavor", flavor);
    history.replaceState(null, "", url);
  }

  async function refresh() {
    const body = formBody();
    body.set("fragment", "1");
    if (controller) controller.abort();
    controller = new AbortController();
    status.textContent = "Matching…";
    try {
      const response = await fetch("/regex", { method: "POST", body, signal: controller.signal });
      const html = await response.text();
      results.innerHTML = html;
      const state = results.firstElementChild ? results.firstElementChild.dataset.state : "";
      if (state === "error" && results.querySelector(".rx-error-span")) {
        patternInput.setAttribute("aria-invalid", "true");
      } else {
        patternInput.removeAttribute("aria-invalid");
      }
      status.textContent = "";
      body.delete("fragment");
      updateAddress(body);
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = "Could not reach the server; press Test.";
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => {
    // "Test long text" posts the whole page; a plain Test re-renders in place.
    if (event.submitter && event.submitter.getAttribute("formmethod") === "post") return;
    event.preventDefault();
    refresh();
  });

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

  function mark(node) {
    const view = document.getElementById("rx-pattern-view");
    if (!view) return;
    const pattern = view.dataset.pattern;
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
    if (view) view.textContent = view.dataset.pattern;
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
