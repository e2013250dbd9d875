// Colour tool: live conversion as you type or pick. The page works without this script (the form re-renders on
// the server). Here devtoolsLive asks the page route for its server-rendered parts (fragment=1) and swaps them in:
// the conversion into #color-results, the contrast check (part=contrast) into #contrast-results; so there is one
// renderer, and the address keeps the form's state.
"use strict";
(() => {
  const form = document.getElementById("color-form");
  const live = window.devtoolsLive;
  if (!form || !live) return;
  const value = document.getElementById("color-value");
  const picker = document.getElementById("color-picker");
  const fg = document.getElementById("contrast-fg");
  const bg = document.getElementById("contrast-bg");
  const results = document.getElementById("color-results");
  const checker = document.getElementById("contrast-results");
  const status = document.getElementById("color-status");
  const sliders = [...form.querySelectorAll("[data-slider]")];
  const numbers = [...form.querySelectorAll("[data-slider-num]")];
  const gamut = document.getElementById("slider-gamut");

  // Without the script the server takes the picker (or the OKLCH sliders) when it differs from the colour the page
  // showed (`from`, `lcha`); here they write into the text field instead, so none is sent or kept in the address.
  for (const input of form.querySelectorAll("[name=picker], [name=from], [name=lcha]")) input.removeAttribute("name");
  for (const input of [...sliders, ...numbers]) input.removeAttribute("name");

  // Asks for the contrast check, and for the conversion too when the colour itself changed (the checker's text
  // colour defaults to it). `part` only picks the fragment (devtoolsLive keeps it out of the address).
  // A moved slider goes along as `extra` (kept out of the address) with the colour in the text field, which the
  // server changes in that one coordinate only; `moved` holds what is not yet back in the text field, `sent` what
  // the conversion in flight carries.
  let moved = {};
  let sent = {};
  function refresh(all) {
    const regions = all ? [checker, results] : [checker];
    if (all) sent = { ...moved };
    for (const region of regions) live(form, region, region === checker ? { ...moved, part: "contrast" } : { ...moved });
  }

  const summary = (region) => region.querySelector("[data-summary]")?.dataset.summary;
  function announce() {
    // One short announcement instead of re-reading the whole result for screen readers.
    if (status) status.textContent = [results, checker].map(summary).filter(Boolean).join("; ");
  }

  results.addEventListener("devtools:live", () => {
    // The colour the server made from a slider's move is the text field's now, and the address's.
    const changed = results.querySelector("[data-value]")?.dataset.value;
    if (Object.keys(sent).length && changed !== undefined) {
      value.value = changed;
      for (const [name, number] of Object.entries(sent)) if (moved[name] === number) delete moved[name];
      sent = {};
      history.replaceState(null, "", `${location.pathname}?${new URLSearchParams(new FormData(form))}${location.hash}`);
    }
    const hex = results.querySelector("[data-hex]")?.dataset.hex;
    if (hex && document.activeElement !== picker) picker.value = hex;
    // The sliders follow the colour, except while one is in use (it would jump under the pointer).
    const oklch = results.querySelector("[data-oklch]")?.dataset.oklch;
    const using = sliders.includes(document.activeElement) || numbers.includes(document.activeElement);
    if (oklch && !using) {
      const parts = oklch.split(" ");
      sliders.forEach((slider, i) => { slider.value = parts[i]; });
      numbers.forEach((number, i) => { number.value = parts[i]; });
    }
    if (gamut) gamut.textContent = results.querySelector("[data-gamut]")?.dataset.gamut ?? "";
    value.setAttribute("aria-invalid", results.querySelector("#color-error") ? "true" : "false");
    announce();
  });
  checker.addEventListener("devtools:live", () => {
    fg.setAttribute("aria-invalid", checker.querySelector("#fg-error") ? "true" : "false");
    bg.setAttribute("aria-invalid", checker.querySelector("#bg-error") ? "true" : "false");
    announce();
  });

  let timer = 0;
  let all = false;
  function later(colour) {
    all ||= colour;
    clearTimeout(timer);
    timer = setTimeout(() => {
      refresh(all);
      all = false;
    }, 150);
  }
  function now(colour) {
    clearTimeout(timer);
    refresh(all || colour);
    all = false;
  }

  // A typed or picked colour replaces the one a pending slider move was for.
  value.addEventListener("input", () => {
    moved = {};
    later(true);
  });
  fg.addEventListener("input", () => later(false));
  bg.addEventListener("input", () => later(false));
  picker.addEventListener("input", () => {
    moved = {};
    value.value = picker.value;
    later(true);
  });

  // A slider and its number field move together; only the coordinate that moved is sent, so the others stay the
  // colour's own rather than the sliders' rounded (or range-capped) values. The server writes the new colour as
  // oklch() (gamut-mapping what lies outside sRGB) and it comes back live, text field included.
  function slid(event) {
    const source = event.target;
    const name = source.dataset.slider || source.dataset.sliderNum;
    for (const input of [...sliders, ...numbers]) {
      if (input !== source && (input.dataset.slider || input.dataset.sliderNum) === name) input.value = source.value;
    }
    const number = source.value.trim();
    if (number === "" || !Number.isFinite(Number(number))) return;
    moved[name] = number;
    later(true);
  }
  for (const input of [...sliders, ...numbers]) input.addEventListener("input", slid);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (event.submitter && event.submitter.name === "swap") {
      const text = fg.value || value.value;
      fg.value = bg.value || "white";
      bg.value = text;
      now(false);
    } else {
      now(true);
    }
  });

  // Palette swatches and the suggested fix load into the page instead of navigating.
  form.addEventListener("click", (event) => {
    const swatch = event.target.closest("a[data-color]");
    const fix = event.target.closest("a[data-fg]");
    if (!swatch && !fix) return;
    event.preventDefault();
    if (swatch) {
      moved = {};
      value.value = swatch.dataset.color;
      value.focus();
      now(true);
    } else {
      fg.value = fix.dataset.fg;
      now(false);
    }
  });
})();
