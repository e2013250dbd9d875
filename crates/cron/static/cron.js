// Cron tool: live updates and the visual builder. The page works without this script (both forms submit to the
// server); with it, the result part follows the inputs as you type: `devtoolsLive` (devtools.js) asks the page
// route for that part alone (`fragment=1`), rendered by the server from the same template as the whole page, and
// swaps it in. The server does the builder's work too, so that its rules are written once: an edit in the builder
// sends the builder's form (`build=1&fragment=1`), answered in one request with the live part of the expression it
// composes, which carries the expression for the input; any other change asks for the builder with the answer
// (`with=builder`), set from the expression in the chosen dialect's fields, and puts it in place.
"use strict";
(() => {
  const form = document.getElementById("cron-form");
  const live = document.getElementById("cron-live");
  if (!form || !live || !window.devtoolsLive) return;
  const $ = (id) => document.getElementById(id);
  const exprInput = $("cron-expr");
  const tzInput = $("cron-tz");
  const countInput = $("cron-count");
  const builderSection = $("cron-builder-section");
  const builderForm = () => $("cron-builder");
  let timer = 0;
  // Whether the answer on its way brings the builder: not after an edit in the builder, which shows what was
  // chosen (and may have the focus).
  let syncing = false;
  // The pause before a typed edit in the builder is sent.
  let composeTimer = 0;
  // Any other change wins over an edit in the builder not yet sent: its expression would overwrite it. (One sent
  // already is aborted by the newer request for the same live part.)
  function cancelCompose() {
    clearTimeout(composeTimer);
  }

  // Any change but an edit in the builder: the answer brings the builder too, set from the expression.
  function update() {
    clearTimeout(timer);
    cancelCompose();
    syncing = Boolean(builderSection);
    window.devtoolsLive(form, live, syncing ? { with: "builder" } : {});
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  }

  // ---- after each answer ----------------------------------------------------------------------------------------

  // The input at fault is marked; the description is announced; the builder follows the fields; the builder's
  // form carries the zone and count along for its submission without JavaScript.
  live.addEventListener("devtools:live", () => {
    // The expression the builder's form composed: into the input, and the address made from the page's form (the
    // request put the builder's fields there).
    const composed = live.querySelector("template#cron-composed");
    if (composed) {
      exprInput.value = composed.dataset.expr;
      composed.remove();
      const params = new URLSearchParams(new FormData(form));
      history.replaceState(null, "", `${window.location.pathname}?${params}${window.location.hash}`);
    }
    const box = $("cron-error-box");
    const invalid = box && !box.hidden ? box.dataset.input : "";
    for (const input of [exprInput, tzInput, countInput, $("cron-dialect")].filter(Boolean)) {
      if (input.id === invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      if (input === exprInput) continue;
      if (input.id === invalid) input.setAttribute("aria-describedby", "cron-error");
      else input.removeAttribute("aria-describedby");
    }
    const description = $("cron-description");
    const status = $("cron-status");
    if (status) status.textContent = description && !description.hidden ? description.textContent : "";
    // The builder set from a valid expression, or another dialect's whatever the expression (with its hint under
    // the input); hidden, as the server renders it, for systemd, a `rate()` or an `@every`.
    const next = live.querySelector("template#cron-builder-next");
    const fresh = next && next.content.getElementById("cron-builder-section");
    if (next) next.remove();
    const dialect = builderSection && fresh && fresh.dataset.dialect;
    if (fresh && syncing && ((box && box.hidden) || dialect !== builderSection.dataset.dialect)) {
      const hint = $("cron-expr-hint");
      if (hint && dialect !== builderSection.dataset.dialect) hint.textContent = fresh.dataset.hint;
      builderSection.dataset.dialect = dialect;
      builderSection.hidden = fresh.hidden;
      builderSection.replaceChildren(...fresh.childNodes);
    }
    const builder = builderForm();
    // The expression goes along too: shown again if the builder's next submission is refused.
    for (const [name, input] of [["tz", tzInput], ["count", countInput], ["expr", exprInput]]) {
      const hidden = builder && builder.querySelector(`input[type=hidden][name=${name}]`);
      if (hidden) hidden.value = input.value;
    }
    // A refused builder submission names its input (`hour_to`): marked, as the server marks it on the page.
    if (builder) {
      for (const marked of builder.querySelectorAll("[aria-invalid]")) marked.removeAttribute("aria-invalid");
      const name = box && !box.hidden ? box.dataset.builderInput : "";
      const bad = name ? builder.elements.namedItem(name) : null;
      const target = bad instanceof RadioNodeList ? bad[0] : bad;
      if (target) target.setAttribute("aria-invalid", "true");
    }
  });

  // "in 3 h 12 min" beside each run moves on with the clock (not when the page lists runs after a fixed `from`);
  // the same wording as the server's.
  function relative(iso) {
    const seconds = Math.floor((Date.parse(iso) - Date.now()) / 1000);
    if (seconds < 0) return "in the past";
    const units = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
    const first = units.findIndex(([size]) => seconds >= size);
    if (first < 0) return "now";
    const [size, name] = units[first];
    let text = `in ${Math.floor(seconds / size)} ${name}`;
    const next = units[first + 1];
    if (next) {
      const rest = Math.floor((seconds % size) / next[0]);
      if (rest > 0) text += ` ${rest} ${next[1]}`;
    }
    return text;
  }
  setInterval(() => {
    for (const row of live.querySelectorAll("#cron-runs tbody[data-from-now] tr")) {
      const time = row.querySelector("time");
      const cell = row.cells[2];
      if (time && cell) cell.textContent = relative(time.dateTime);
    }
  }, 15000);

  // ---- the builder ----------------------------------------------------------------------------------------------

  function setMode(fieldset, mode) {
    const radio = fieldset.querySelector(`input[type=radio][value=${mode}]`);
    if (radio) radio.checked = true;
  }

  // The builder's form composed by the server (`builder::compose`, as when it is submitted without the script)
  // and answered with the live part of its expression; a newer edit, typing in the expression or any other change
  // aborts it.
  function compose() {
    clearTimeout(timer);
    syncing = false;
    // The zone, count and translations as the page's form has them now (the builder's copies follow answers).
    const translate = $("cron-translate");
    window.devtoolsLive(builderForm(), live, {
      tz: tzInput.value,
      count: countInput.value,
      translate: translate && translate.checked ? "1" : "",
    });
  }

  // Listening on the section, which stays when the builder inside is replaced.
  if (builderSection) {
    const onBuilderEdit = (event, wait) => {
      const fieldset = event.target.closest("fieldset[data-field]");
      if (!fieldset) return;
      syncing = false;
      const key = fieldset.dataset.field;
      const name = event.target.name || "";
      // Touching a mode's own inputs selects that mode.
      if (name === key) setMode(fieldset, "values");
      else if (name === `${key}_step`) setMode(fieldset, "step");
      else if (name === `${key}_from` || name === `${key}_to`) setMode(fieldset, "range");
      else if (name === `${key}_raw`) setMode(fieldset, "custom");
      // Quartz and EventBridge take one specific day field: choosing one lets the other match every day (`?`).
      const builder = builderForm();
      if (builder.hasAttribute("data-question") && (key === "dom" || key === "dow")) {
        const mode = (fieldset.querySelector(`input[name=${key}_mode]:checked`) || {}).value;
        const other = builder.querySelector(`fieldset[data-field=${key === "dom" ? "dow" : "dom"}]`);
        if (mode && mode !== "every" && other) setMode(other, "every");
      }
      clearTimeout(composeTimer);
      composeTimer = setTimeout(compose, wait);
    };
    // Typed fields compose as they are typed (after a pause); their `change` when left would compose again, over
    // an expression typed meanwhile.
    const typed = (event) => event.target.type === "number" || event.target.type === "text";
    builderSection.addEventListener("change", (event) => {
      if (!typed(event)) onBuilderEdit(event, 0);
    });
    builderSection.addEventListener("input", (event) => {
      if (typed(event)) onBuilderEdit(event, 120);
    });
    builderSection.addEventListener("submit", (event) => {
      if (event.target !== builderForm()) return;
      event.preventDefault();
      compose();
    });
  }

  // ---- wiring ---------------------------------------------------------------------------------------------------

  exprInput.addEventListener("input", () => {
    cancelCompose();
    schedule();
  });
  // The zone is typed, with the browser's own list of IANA names offered (the page ships none: six hundred
  // options were a quarter of its bytes); the server checks the name and suggests zones for a mistyped one.
  let zones = new Set();
  try {
    zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  } catch (_) {}
  const zoneList = $("cron-zones");
  if (zoneList && zones.size) {
    zoneList.replaceChildren(...[...zones].map((zone) => {
      const option = document.createElement("option");
      option.value = zone;
      return option;
    }));
  }
  // A name from the list answers at once; anything else once the field is left (no error while half typed).
  tzInput.addEventListener("input", () => {
    if (zones.has(tzInput.value)) update();
  });
  tzInput.addEventListener("change", update);
  // The scheduler: its answer brings its builder and hint.
  const dialectSelect = $("cron-dialect");
  if (dialectSelect) dialectSelect.addEventListener("change", () => update());
  countInput.addEventListener("input", schedule);
  // Translations are asked for (each is checked over two years of runs, so the page leaves them out unless ticked).
  const translateBox = $("cron-translate");
  if (translateBox) translateBox.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  // A zone the error suggests (`?tz=berlin`): its link reloads the page in that zone; with the script, the zone
  // is chosen in the list and the result follows, as if picked there.
  live.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-tz]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    tzInput.value = link.dataset.tz;
    tzInput.focus();
    update();
  });
  document.addEventListener("click", (event) => {
    // A preset link's <code> is its expression (no copy in an attribute: the page stays under 32 KiB).
    const preset = event.target.closest(".cron-presets a");
    if (!preset || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // The presets are those of the dialect the page was rendered for; after choosing another, the link opens the
    // preset in its own dialect.
    const presetDialect = new URL(preset.href).searchParams.get("dialect") || "vixie";
    if (dialectSelect && dialectSelect.value !== presetDialect) return;
    event.preventDefault();
    exprInput.value = preset.querySelector("code").textContent;
    exprInput.focus();
    update();
  });

  // The server rendered UTC unless the link named a zone; with JavaScript, default to the browser's zone.
  const params = new URLSearchParams(window.location.search);
  let browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {}
  if (!params.has("tz") && browserZone && browserZone !== tzInput.value) {
    tzInput.value = browserZone;
    update();
  }
})();
