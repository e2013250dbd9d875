// Colour tool: live conversion as you type or pick. The page works without this script (the form re-renders on
// the server); here the same server-rendered page is fetched from /color/live for the new state and its result
// regions swapped in, so there is one renderer, and the URL (?value=…) is kept in step.
"use strict";
(() => {
  const form = document.getElementById("color-form");
  if (!form) return;
  const value = document.getElementById("color-value");
  const picker = document.getElementById("color-picker");
  const fg = document.getElementById("contrast-fg");
  const bg = document.getElementById("contrast-bg");
  const regions = ["color-results", "contrast-results"];
  let timer = 0;
  let generation = 0;

  // maxlength does not bound a value a script or an extension sets; one character past it is enough for the
  // server to say the colour is too long, and a longer value would make a URL the server refuses.
  const bounded = (input) => (input.maxLength > 0 ? input.value.slice(0, input.maxLength + 1) : input.value);

  function params() {
    const query = new URLSearchParams();
    query.set("value", bounded(value));
    if (fg.value) query.set("fg", bounded(fg));
    if (bg.value) query.set("bg", bounded(bg));
    return query;
  }

  async function refresh() {
    const query = params();
    const mine = ++generation;
    for (const id of regions) document.getElementById(id)?.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(`/color/live?${query}`, { headers: { Accept: "text/html" } });
      const html = await response.text();
      if (mine !== generation) return; // a newer request has been made
      const fresh = new DOMParser().parseFromString(html, "text/html");
      for (const id of regions) {
        const next = fresh.getElementById(id);
        const current = document.getElementById(id);
        if (next && current) current.replaceWith(document.adoptNode(next));
      }
      // One short announcement instead of re-reading the whole result for screen readers.
      const status = document.getElementById("color-status");
      if (status) {
        status.textContent = regions
          .map((id) => document.getElementById(id)?.dataset.summary)
          .filter(Boolean)
          .join("; ");
      }
      const hex = document.getElementById("color-results")?.dataset.hex;
      if (hex && document.activeElement !== picker) picker.value = hex;
      value.setAttribute("aria-invalid", fresh.getElementById("color-error") ? "true" : "false");
      const url = new URL(window.location.href);
      url.search = query.toString();
      history.replaceState(null, "", url);
    } catch (_) {
      // Offline or server gone: leave the last result; submitting the form still works.
    } finally {
      for (const id of regions) document.getElementById(id)?.removeAttribute("aria-busy");
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  }

  value.addEventListener("input", later);
  fg.addEventListener("input", later);
  bg.addEventListener("input", later);
  picker.addEventListener("input", () => {
    value.value = picker.value;
    later();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (event.submitter && event.submitter.name === "swap") {
      const text = fg.value || value.value;
      fg.value = bg.value || "white";
      bg.value = text;
    }
    clearTimeout(timer);
    refresh();
  });

  // Palette swatches and the suggested fix load into the page instead of navigating.
  form.addEventListener("click", (event) => {
    const swatch = event.target.closest("a[data-color]");
    const fix = event.target.closest("a[data-fg]");
    if (!swatch && !fix) return;
    event.preventDefault();
    if (swatch) {
      value.value = swatch.dataset.color;
      value.focus();
    } else {
      fg.value = fix.dataset.fg;
    }
    clearTimeout(timer);
    refresh();
  });
})();
