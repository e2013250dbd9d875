// Cron tool: live updates and the visual builder. The page works without this script (both forms submit to the
// server); with it, the result part follows the inputs as you type: `devtoolsLive` (devtools.js) asks the page
// route for that part alone (`fragment=1`), rendered by the server from the same template as the whole page, and
// swaps it in. The builder composes the expression in the input, which then updates like typing does; typing an
// expression sets the builder from the fields the server listed. Its fields are the chosen dialect's: choosing
// another brings that dialect's builder from the server (`fragment=builder`).
"use strict";
(() => {
  const form = document.getElementById("cron-form");
  const live = document.getElementById("cron-live");
  if (!form || !live || !window.devtoolsLive) return;
  const $ = (id) => document.getElementById(id);
  const exprInput = $("cron-expr");
  const tzInput = $("cron-tz");
  const countInput = $("cron-count");
  const FIELD_NAMES = {
    second: "second", minute: "minute", hour: "hour", dom: "day-of-month", month: "month", dow: "day-of-week", year: "year",
  };
  const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
  const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  let timer = 0;

  function update() {
    clearTimeout(timer);
    window.devtoolsLive(form, live);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  }

  // ---- after each answer ----------------------------------------------------------------------------------------

  // The input at fault is marked; the description is announced; the builder follows the fields; the builder's
  // form carries the zone and count along for its submission without JavaScript.
  live.addEventListener("devtools:live", () => {
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
    const valid = box && box.hidden;
    if (valid) syncBuilder();
    const builder = builderForm();
    for (const [name, input] of [["tz", tzInput], ["count", countInput]]) {
      const hidden = builder && builder.querySelector(`input[type=hidden][name=${name}]`);
      if (hidden) hidden.value = input.value;
    }
    // No builder for an interval (EventBridge's `rate()`, Kubernetes' `@every`: a valid answer with no fields),
    // as the server renders it; systemd has no fieldsets at all.
    if (builder && builderSection) {
      const fields = live.querySelector("#cron-fields tbody tr[data-name]");
      const interval = valid && !fields && ["eventbridge", "kubernetes"].includes(dialectOf(builder));
      builderSection.hidden = !builder.querySelector("fieldset[data-field]") || interval;
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

  // The builder's fields are the dialect's (Quartz: seconds first and a year; EventBridge: a year, in `cron(…)`),
  // rendered by the server for the dialect chosen; its form names the dialect unless it is Vixie's.
  const builderForm = () => $("cron-builder");
  const dialectOf = (builder) => {
    const input = builder.querySelector("input[type=hidden][name=dialect]");
    return input ? input.value : "vixie";
  };
  // Quartz and EventBridge want `?` in one of the day fields.
  const QUESTION = new Set(["quartz", "eventbridge"]);
  const ZONE_PREFIX = /^\s*((?:CRON_TZ|TZ)=\S+)\s/;

  // A value of a field as a number in the builder's numbering: weekday names count from the fieldset's first
  // value (Sunday is 0 in Vixie cron, 1 in Quartz and EventBridge).
  function atom(key, text, min) {
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    const upper = text.toUpperCase();
    if (key === "month" && MONTHS.includes(upper)) return MONTHS.indexOf(upper) + 1;
    if (key === "dow" && DAYS.includes(upper)) return DAYS.indexOf(upper) + min;
    return NaN;
  }

  function setMode(fieldset, mode) {
    const radio = fieldset.querySelector(`input[type=radio][value=${mode}]`);
    if (radio) radio.checked = true;
  }

  // Sets the builder from the fields the server listed (`data-raw` on the breakdown's rows).
  function syncBuilder() {
    const builder = builderForm();
    if (!builder) return;
    const rows = {};
    for (const row of live.querySelectorAll("#cron-fields tbody tr[data-name]")) rows[row.dataset.name] = row.dataset;
    const parsed = Object.keys(rows).length > 0;
    // Vixie's seconds and year ride along unchanged; Kubernetes' zone prefix is kept.
    for (const hidden of ["second", "year"]) {
      const input = builder.querySelector(`input[type=hidden][name=${hidden}_raw]`);
      if (input) input.value = rows[hidden] ? rows[hidden].raw : "";
    }
    const prefix = builder.querySelector("input[type=hidden][name=prefix]");
    if (prefix) {
      const found = ZONE_PREFIX.exec(exprInput.value);
      prefix.value = found ? found[1] : "";
    }
    for (const fieldset of builder.querySelectorAll("fieldset[data-field]")) {
      const key = fieldset.dataset.field;
      const field = rows[FIELD_NAMES[key]];
      // A Quartz macro (`@daily`) has no seconds field: it runs at second 0.
      const raw = field ? field.raw : key === "second" && parsed ? "0" : "*";
      const max = parseInt(fieldset.dataset.max, 10);
      const min = parseInt(fieldset.dataset.min, 10);
      // Seconds and years have no specific values: a list of them is custom text.
      const listed = Boolean(fieldset.querySelector(`input[name=${key}_mode][value=values]`));
      fieldset.querySelector(`input[name=${key}_raw]`).value = raw;
      let mode = "custom";
      const step = /^\*\/(\d+)$/.exec(raw);
      const range = /^(\w+)-(\w+)$/.exec(raw);
      if (raw === "*" || raw === "?") mode = "every";
      else if (step) {
        mode = "step";
        fieldset.querySelector(`input[name=${key}_step]`).value = step[1];
      } else if (range && atom(key, range[1], min) >= min && atom(key, range[2], min) <= max && atom(key, range[1], min) <= atom(key, range[2], min)) {
        mode = "range";
        fieldset.querySelector(`[name=${key}_from]`).value = String(atom(key, range[1], min));
        fieldset.querySelector(`[name=${key}_to]`).value = String(atom(key, range[2], min));
      } else if (field && listed && raw.split(",").every((part) => !Number.isNaN(atom(key, part, min)))) {
        mode = "values";
      }
      // Day-of-week 7 is Sunday, the builder's 0.
      const values = mode === "values"
        ? raw.split(",").map((part) => {
          const n = atom(key, part, min);
          return key === "dow" ? n % 7 : n;
        })
        : [];
      const checked = new Set(values);
      // Compared the same way: Quartz's and EventBridge's 7 is Saturday, its box 7.
      for (const box of fieldset.querySelectorAll(`input[name=${key}][type=checkbox]`)) {
        const n = parseInt(box.value, 10);
        box.checked = checked.has(key === "dow" ? n % 7 : n);
      }
      // Minutes, hours and days of the month are a typed list, left alone while it is being typed in (its
      // trailing comma would go).
      const list = fieldset.querySelector(`input[name=${key}][type=text]`);
      if (list && list !== document.activeElement) list.value = values.join(",");
      setMode(fieldset, mode);
    }
  }

  function composeField(fieldset) {
    const key = fieldset.dataset.field;
    const value = (selector) => fieldset.querySelector(selector).value.trim();
    const mode = (fieldset.querySelector(`input[name=${key}_mode]:checked`) || {}).value || "every";
    const min = parseInt(fieldset.dataset.min, 10);
    const max = parseInt(fieldset.dataset.max, 10);
    if (mode === "step") {
      const step = parseInt(value(`input[name=${key}_step]`), 10);
      return step >= 2 && step <= max - min + 1 ? `*/${step}` : "*";
    }
    if (mode === "range") {
      const clamp = (n) => Math.min(Math.max(Number.isNaN(n) ? min : n, min), max);
      const from = clamp(parseInt(value(`[name=${key}_from]`), 10));
      const to = clamp(parseInt(value(`[name=${key}_to]`), 10));
      return `${Math.min(from, to)}-${Math.max(from, to)}`;
    }
    if (mode === "values") {
      // A typed list keeps its numbers in the field's range, sorted, once each (as the server's `compose`).
      const list = fieldset.querySelector(`input[name=${key}][type=text]`);
      const values = list
        ? [...new Set(list.value.split(/[\s,]+/).filter((part) => /^\d+$/.test(part)).map(Number))]
          .filter((n) => n >= min && n <= max).sort((a, b) => a - b)
        : [...fieldset.querySelectorAll(`input[name=${key}]:checked`)].map((box) => box.value);
      return values.length ? values.join(",") : "*";
    }
    if (mode === "custom") {
      const raw = value(`input[name=${key}_raw]`);
      return raw && !/\s/.test(raw) ? raw : "*";
    }
    return "*";
  }

  // The expression in the builder's dialect, as the server's `builder::compose` writes it.
  function compose() {
    const builder = builderForm();
    const dialect = dialectOf(builder);
    const keys = [];
    const part = {};
    for (const fieldset of builder.querySelectorAll("fieldset[data-field]")) {
      keys.push(fieldset.dataset.field);
      part[fieldset.dataset.field] = composeField(fieldset);
    }
    // `?` in one day field: in the other when one is specific, in day-of-week when both match every day.
    if (QUESTION.has(dialect)) {
      const every = (text) => text === "*" || text === "?";
      if (every(part.dom) && every(part.dow)) [part.dom, part.dow] = ["*", "?"];
      else if (every(part.dom)) part.dom = "?";
      else if (every(part.dow)) part.dow = "?";
    }
    // Quartz's year is optional: every year is none.
    const parts = keys.filter((key) => !(dialect === "quartz" && key === "year" && part.year === "*")).map((key) => part[key]);
    const hidden = (name) => {
      const input = builder.querySelector(`input[type=hidden][name=${name}]`);
      return input ? input.value.trim() : "";
    };
    const second = hidden("second_raw");
    const year = hidden("year_raw");
    if (second) parts.unshift(second);
    if (year) parts.push(year);
    const prefix = hidden("prefix");
    if (/^(?:CRON_TZ|TZ)=\S+$/.test(prefix)) parts.unshift(prefix);
    return dialect === "eventbridge" ? `cron(${parts.join(" ")})` : parts.join(" ");
  }

  // Listening on the section, which stays when another dialect's builder replaces its content.
  const builderSection = $("cron-builder-section");
  if (builderSection) {
    const onBuilderEdit = (event) => {
      const fieldset = event.target.closest("fieldset[data-field]");
      if (!fieldset) return;
      const key = fieldset.dataset.field;
      const name = event.target.name || "";
      // Touching a mode's own inputs selects that mode.
      if (name === key) setMode(fieldset, "values");
      else if (name === `${key}_step`) setMode(fieldset, "step");
      else if (name === `${key}_from` || name === `${key}_to`) setMode(fieldset, "range");
      else if (name === `${key}_raw`) setMode(fieldset, "custom");
      // Quartz and EventBridge take one specific day field: choosing one lets the other match every day (`?`).
      const builder = builderForm();
      if (QUESTION.has(dialectOf(builder)) && (key === "dom" || key === "dow")) {
        const mode = (fieldset.querySelector(`input[name=${key}_mode]:checked`) || {}).value;
        const other = builder.querySelector(`fieldset[data-field=${key === "dom" ? "dow" : "dom"}]`);
        if (mode && mode !== "every" && other) setMode(other, "every");
      }
      exprInput.value = compose();
      schedule();
    };
    // Typed fields answer as they are typed; their `change` when left would compose again, over an expression
    // typed meanwhile.
    const typed = (event) => event.target.type === "number" || event.target.type === "text";
    builderSection.addEventListener("change", (event) => {
      if (!typed(event)) onBuilderEdit(event);
    });
    builderSection.addEventListener("input", (event) => {
      if (typed(event)) onBuilderEdit(event);
    });
    builderSection.addEventListener("submit", (event) => {
      if (event.target !== builderForm()) return;
      event.preventDefault();
      exprInput.value = compose();
      update();
    });
  }

  // Another dialect has other fields: its builder comes from the server (`fragment=builder`, the template the
  // page includes), set from the expression as that dialect reads it.
  let builderRequest = null;
  async function reloadBuilder() {
    if (!builderSection) return;
    if (builderRequest) builderRequest.abort();
    const controller = new AbortController();
    builderRequest = controller;
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) params.append(name, value);
    params.set("fragment", "builder");
    const action = new URL(form.action || window.location.href, window.location.href);
    try {
      const response = await fetch(`${action.pathname}?${params}`, { signal: controller.signal, cache: "no-store", credentials: "same-origin" });
      const html = await response.text();
      if (controller.signal.aborted) return;
      // Rendered by the server's autoescaping templates, like the live part.
      const parsed = document.createElement("template");
      parsed.innerHTML = html;
      const fresh = parsed.content.getElementById("cron-builder-section");
      if (!fresh) return;
      builderSection.hidden = fresh.hidden;
      builderSection.replaceChildren(...fresh.childNodes);
      // The dialect's hint under the input comes with its builder.
      const hint = $("cron-expr-hint");
      if (hint && fresh.dataset.hint) hint.textContent = fresh.dataset.hint;
      for (const [name, input] of [["tz", tzInput], ["count", countInput]]) {
        const hidden = builderForm() && builderForm().querySelector(`input[type=hidden][name=${name}]`);
        if (hidden) hidden.value = input.value;
      }
    } catch (error) {
      // Unreachable: the builder shown has the other dialect's fields, so it goes (the page's own form works).
      if (error.name !== "AbortError") builderSection.hidden = true;
    }
  }

  // ---- wiring ---------------------------------------------------------------------------------------------------

  exprInput.addEventListener("input", schedule);
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
  // The scheduler: its builder, which brings its hint.
  const dialectSelect = $("cron-dialect");
  if (dialectSelect) {
    dialectSelect.addEventListener("change", () => {
      update();
      reloadBuilder();
    });
  }
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
