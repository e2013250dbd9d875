// devtools — the small shared script. Every page works without it; it only adds conveniences.
"use strict";
document.documentElement.classList.add("js");

// Copy buttons: <button class="copy-button" data-copy-target="#id">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const target = document.querySelector(button.dataset.copyTarget);
  if (!target) return;
  const text = "value" in target && target.tagName !== "BUTTON" ? target.value : target.textContent;
  try {
    await navigator.clipboard.writeText(text);
    const label = button.textContent;
    button.dataset.copied = "";
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; delete button.dataset.copied; }, 1500);
  } catch (_) {
    button.textContent = "Copy failed";
  }
});

// Filter as you type: <input data-filter="#list"> hides [data-filter-text] items that do not match, and hides
// groups ([data-filter-group]) left empty. The same filter runs on the server for ?q= without JavaScript.
function applyFilter(input) {
  const root = document.querySelector(input.dataset.filter);
  if (!root) return;
  const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of root.querySelectorAll("[data-filter-text]")) {
    const text = item.dataset.filterText;
    const match = terms.every((term) => text.includes(term));
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
}
