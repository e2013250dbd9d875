// Cron tool: live description, runs and breakdown through /cron/live (the JSON API's answers, errors with 200),
// and the visual builder. The page works without this script (the forms submit to the server); this only makes it
// update as you type.
"use strict";
(() => {
  const form = document.getElementById("cron-form");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const exprInput = $("cron-expr");
  const tzSelect = $("cron-tz");
  const countInput = $("cron-count");
  const builder = $("cron-builder");
  const FIELD_KEYS = { minute: "minute", hour: "hour", "day-of-month": "dom", month: "month", "day-of-week": "dow" };
  const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
  const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  const title = (name) => name.charAt(0) + name.slice(1).toLowerCase();
  let runs = [];
  let timer = 0;
  let sequence = 0;

  // ---- rendering ------------------------------------------------------------------------------------------------

  function relative(iso) {
    let seconds = Math.floor((Date.parse(iso) - Date.now()) / 1000);
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

  // The zone's abbreviation (EDT, CET) where one exists; en-US knows the American ones, en-GB the European.
  function abbreviation(iso, zone) {
    for (const locale of ["en-US", "en-GB"]) {
      try {
        const format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
        const part = format.formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName");
        const name = part ? part.value : "";
        if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
      } catch (_) {
        return "";
      }
    }
    return "";
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderRuns(next, zone) {
    runs = next;
    const body = document.querySelector("#cron-runs tbody");
    body.replaceChildren();
    next.forEach((iso, index) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
      if (!match) return;
      const [, y, m, d, time, offset] = match;
      const weekday = title(DAYS[new Date(Date.UTC(+y, +m - 1, +d)).getUTCDay()]);
      const row = document.createElement("tr");
      row.append(cell(String(index + 1)));
      const local = document.createElement("td");
      const timeEl = document.createElement("time");
      timeEl.dateTime = iso;
      timeEl.className = "mono";
      timeEl.textContent = `${weekday} ${y}-${m}-${d} ${time}`;
      const off = document.createElement("span");
      off.className = "muted mono";
      off.textContent = `${abbreviation(iso, zone)} ${(offset === "Z" ? "+00:00" : offset).replace("-", "\u2212")}`.trim();
      local.append(timeEl, " ", off);
      row.append(local, cell(relative(iso), "cron-relative"));
      row.append(cell(new Date(iso).toISOString().slice(0, 19).replace("T", " "), "mono"));
      body.append(row);
    });
    $("cron-runs-empty").hidden = next.length > 0;
    $("cron-runs-zone").textContent = zone;
  }

  function valuesText(field) {
    const name = (v) => field.name === "month" ? title(MONTHS[v - 1]) : field.name === "day-of-week" ? title(DAYS[v % 7]) : String(v);
    const parts = [];
    const values = field.values;
    for (let i = 0; i < values.length;) {
      let j = i;
      while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
      if (j >= i + 2) parts.push(`${name(values[i])}–${name(values[j])}`);
      else for (let k = i; k <= j; k++) parts.push(name(values[k]));
      i = j + 1;
    }
    for (const item of field.raw.split(",")) if (/[LW#]/i.test(item) && !/^[A-Z]{3}$/i.test(item)) parts.push(item);
    return parts.join(", ");
  }

  function renderFields(fields) {
    const body = document.querySelector("#cron-fields tbody");
    body.replaceChildren();
    for (const field of fields) {
      const row = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = field.name;
      const raw = document.createElement("td");
      const code = document.createElement("code");
      code.textContent = field.raw;
      raw.append(code);
      row.append(th, raw, cell(field.description), cell(valuesText(field), "mono cron-values"));
      body.append(row);
    }
    const note = $("cron-macro-note");
    if (note) note.hidden = true;
  }

  function showError(message, position, length) {
    const text = exprInput.value;
    // Positions are UTF-8 byte offsets; slice the encoded text so non-ASCII input underlines correctly.
    const bytes = new TextEncoder().encode(text);
    const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
    const hasPosition = Number.isInteger(position);
    const start = hasPosition ? Math.min(position, bytes.length) : bytes.length;
    const end = hasPosition ? Math.min(start + Math.max(length || 0, 0), bytes.length) : bytes.length;
    $("cron-echo-before").textContent = hasPosition ? decode(0, start) : text;
    $("cron-echo-bad").textContent = hasPosition ? (end > start ? decode(start, end) : " ") : "";
    $("cron-echo-after").textContent = hasPosition ? decode(end) : "";
    $("cron-error").textContent = message;
    $("cron-error-box").hidden = false;
    exprInput.setAttribute("aria-invalid", "true");
    $("cron-description").hidden = true;
    $("cron-description-copy").hidden = true;
    $("cron-warning").hidden = true;
  }

  function showResult(answer) {
    $("cron-error-box").hidden = true;
    exprInput.removeAttribute("aria-invalid");
    $("cron-description").textContent = answer.description;
    $("cron-description").hidden = false;
    $("cron-description-copy").hidden = false;
    $("cron-warning").textContent = answer.warning || "";
    $("cron-warning").hidden = !answer.warning;
    renderRuns(answer.next, answer.tz);
    renderFields(answer.fields);
    syncBuilder(answer.fields);
  }

  // ---- talking to the API ---------------------------------------------------------------------------------------

  function updateUrl() {
    const url = new URL(window.location.href);
    url.search = "";
    url.searchParams.set("expr", exprInput.value);
    url.searchParams.set("tz", tzSelect.value);
    if (countInput.value && countInput.value !== "10") url.searchParams.set("count", countInput.value);
    history.replaceState(null, "", url);
    for (const name of ["tz", "count"]) {
      const hidden = builder && builder.querySelector(`input[type=hidden][name=${name}]`);
      if (hidden) hidden.value = name === "tz" ? tzSelect.value : countInput.value;
    }
  }

  async function refresh() {
    const id = ++sequence;
    updateUrl();
    // The server refuses longer expressions with this message; saying it here keeps a huge paste out of a URL
    // the server would refuse before reading it.
    const bytes = new TextEncoder().encode(exprInput.value).length;
    const max = parseInt(form.dataset.maxLen, 10);
    if (bytes > max) {
      showError(`the expression is ${bytes} bytes long; at most ${max} are accepted`);
      return;
    }
    const query = new URLSearchParams({ expr: exprInput.value, tz: tzSelect.value });
    const count = parseInt(countInput.value, 10);
    if (count >= 1 && count <= 100) query.set("count", String(count));
    try {
      // /cron/live answers like /api/cron, errors included, but always with 200 (see the handler).
      const response = await fetch(`${form.dataset.live}?${query}`, { headers: { Accept: "application/json" } });
      if (id !== sequence) return;
      if (!response.ok) {
        showError(`The server answered ${response.status}; submit the form to try again.`);
        return;
      }
      const answer = await response.json();
      if (id !== sequence) return;
      if (!answer.error) showResult(answer);
      else if (answer.error === "invalid_expression") showError(answer.message, answer.position, answer.length);
      else showError(answer.message);
    } catch (_) {
      if (id === sequence) showError("Could not reach the server; submit the form to try again.");
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }

  // ---- the builder ----------------------------------------------------------------------------------------------

  function atom(key, text) {
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    const upper = text.toUpperCase();
    if (key === "month" && MONTHS.includes(upper)) return MONTHS.indexOf(upper) + 1;
    if (key === "dow" && DAYS.includes(upper)) return DAYS.indexOf(upper);
    return NaN;
  }

  function setMode(fieldset, mode) {
    const radio = fieldset.querySelector(`input[type=radio][value=${mode}]`);
    if (radio) radio.checked = true;
  }

  function syncBuilder(fields) {
    if (!builder) return;
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    for (const hidden of ["second", "year"]) {
      builder.querySelector(`input[name=${hidden}_raw]`).value = byName[hidden] ? byName[hidden].raw : "";
    }
    for (const fieldset of builder.querySelectorAll("fieldset[data-field]")) {
      const key = fieldset.dataset.field;
      const name = Object.keys(FIELD_KEYS).find((n) => FIELD_KEYS[n] === key);
      const field = byName[name];
      const raw = field ? field.raw : "*";
      const max = parseInt(fieldset.dataset.max, 10);
      const min = parseInt(fieldset.dataset.min, 10);
      fieldset.querySelector(`input[name=${key}_raw]`).value = raw;
      let mode = "custom";
      const step = /^\*\/(\d+)$/.exec(raw);
      const range = /^(\w+)-(\w+)$/.exec(raw);
      if (raw === "*" || raw === "?") mode = "every";
      else if (step) {
        mode = "step";
        fieldset.querySelector(`input[name=${key}_step]`).value = step[1];
      } else if (range && atom(key, range[1]) >= min && atom(key, range[2]) <= max && atom(key, range[1]) <= atom(key, range[2])) {
        mode = "range";
        fieldset.querySelector(`select[name=${key}_from]`).value = String(atom(key, range[1]));
        fieldset.querySelector(`select[name=${key}_to]`).value = String(atom(key, range[2]));
      } else if (field && raw.split(",").every((part) => !Number.isNaN(atom(key, part)))) {
        mode = "values";
      }
      const checked = mode === "values" ? new Set(field.values) : new Set();
      for (const box of fieldset.querySelectorAll(`input[name=${key}_values]`)) box.checked = checked.has(parseInt(box.value, 10));
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
      const from = parseInt(value(`select[name=${key}_from]`), 10);
      const to = parseInt(value(`select[name=${key}_to]`), 10);
      return `${Math.min(from, to)}-${Math.max(from, to)}`;
    }
    if (mode === "values") {
      const values = [...fieldset.querySelectorAll(`input[name=${key}_values]:checked`)].map((box) => box.value);
      return values.length ? values.join(",") : "*";
    }
    if (mode === "custom") {
      const raw = value(`input[name=${key}_raw]`);
      return raw && !/\s/.test(raw) ? raw : "*";
    }
    return "*";
  }

  function compose() {
    const parts = [];
    const second = builder.querySelector("input[name=second_raw]").value.trim();
    const year = builder.querySelector("input[name=year_raw]").value.trim();
    if (second) parts.push(second);
    for (const fieldset of builder.querySelectorAll("fieldset[data-field]")) parts.push(composeField(fieldset));
    if (year) parts.push(year);
    return parts.join(" ");
  }

  if (builder) {
    const onBuilderEdit = (event) => {
      const fieldset = event.target.closest("fieldset[data-field]");
      if (!fieldset) return;
      const key = fieldset.dataset.field;
      const name = event.target.name || "";
      // Touching a mode's own inputs selects that mode.
      if (name === `${key}_values`) setMode(fieldset, "values");
      else if (name === `${key}_step`) setMode(fieldset, "step");
      else if (name === `${key}_from` || name === `${key}_to`) setMode(fieldset, "range");
      else if (name === `${key}_raw`) setMode(fieldset, "custom");
      exprInput.value = compose();
      schedule();
    };
    builder.addEventListener("change", onBuilderEdit);
    builder.addEventListener("input", (event) => {
      if (event.target.type === "number" || event.target.type === "text") onBuilderEdit(event);
    });
    builder.addEventListener("submit", (event) => {
      event.preventDefault();
      exprInput.value = compose();
      refresh();
    });
  }

  // ---- wiring ---------------------------------------------------------------------------------------------------

  exprInput.addEventListener("input", schedule);
  tzSelect.addEventListener("change", refresh);
  countInput.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  document.addEventListener("click", (event) => {
    const preset = event.target.closest("a[data-expr]");
    if (!preset || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    exprInput.value = preset.dataset.expr;
    exprInput.focus();
    refresh();
  });
  setInterval(() => {
    document.querySelectorAll("#cron-runs tbody tr").forEach((row, i) => {
      if (runs[i]) row.querySelector(".cron-relative").textContent = relative(runs[i]);
    });
  }, 15000);

  // The server rendered UTC unless the link named a zone; with JavaScript, default to the browser's zone.
  const params = new URLSearchParams(window.location.search);
  let browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {}
  if (!params.has("tz") && browserZone && [...tzSelect.options].some((o) => o.value === browserZone)) {
    tzSelect.value = browserZone;
  }
  refresh();
})();
