// The report's only script: pages through the index, filters it, and shows one page at a time
// by cloning its inert <template>. Page text is only ever set as textContent. It runs before the
// templates are parsed, so it never looks one up before DOMContentLoaded.
(() => {
  "use strict";
  const PAGE_SIZE = 100;
  const rows = JSON.parse(document.getElementById("index-data").textContent);
  const abouts = JSON.parse(document.getElementById("rules-data").textContent);
  const $ = (id) => document.getElementById(id);
  const index = $("index"), view = $("view"), body = $("rows").tBodies[0];
  const fRule = $("f-rule"), fError = $("f-error"), fText = $("f-text");
  const prev = $("prev"), next = $("next"), where = $("where");
  let shown = rows, first = 0;

  function matches(r, rule, error, q) {
    if (rule && !r.rules.includes(rule)) return false;
    if (error && (error === "-" ? r.error !== "" : r.error !== error)) return false;
    return !q || (r.title + "\n" + r.outlet + "\n" + r.source).toLowerCase().includes(q);
  }

  function filter() {
    const q = fText.value.trim().toLowerCase();
    shown = rows.filter((r) => matches(r, fRule.value, fError.value, q));
    first = 0;
    draw();
  }

  function cell(tr, text, cls) {
    const td = tr.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  }

  function draw() {
    const frag = document.createDocumentFragment();
    for (const r of shown.slice(first, first + PAGE_SIZE)) {
      const tr = document.createElement("tr");
      const a = document.createElement("a");
      a.href = "#page-" + r.n;
      a.textContent = r.title || r.source;
      tr.insertCell().appendChild(a);
      cell(tr, r.outlet);
      cell(tr, String(r.kept), "num");
      cell(tr, String(r.removed), "num");
      cell(tr, r.error, "err");
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    const last = Math.min(first + PAGE_SIZE, shown.length);
    where.textContent = shown.length ? `${first + 1}–${last} of ${shown.length}` : "no page matches";
    prev.disabled = first === 0;
    next.disabled = last >= shown.length;
  }

  function route() {
    const m = /^#page-(\d+)$/.exec(location.hash);
    const n = m ? m[1] : rows.length === 1 ? "0" : null;
    const tpl = n === null ? null : document.getElementById("page-" + n);
    if (tpl) {
      view.replaceChildren(tpl.content.cloneNode(true));
      view.hidden = false;
      index.hidden = true;
      window.scrollTo(0, 0);
    } else {
      view.replaceChildren();
      view.hidden = true;
      index.hidden = false;
    }
  }

  // A removed block says what its rule is about when hovered: the text is set once per block, on first hover.
  function explain(event) {
    const cut = event.target instanceof Element ? event.target.closest(".cut") : null;
    if (!cut || cut.querySelector(".about")) return;
    const about = document.createElement("span");
    about.className = "about";
    about.textContent = abouts[cut.querySelector(".tag").textContent] || "(no description)";
    cut.appendChild(about);
  }

  if (rows.length === 1) document.body.classList.add("single");
  view.addEventListener("mouseover", explain);
  view.addEventListener("focusin", explain);
  fRule.addEventListener("change", filter);
  fError.addEventListener("change", filter);
  fText.addEventListener("input", filter);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  prev.addEventListener("click", () => { first = Math.max(0, first - PAGE_SIZE); draw(); });
  next.addEventListener("click", () => { first += PAGE_SIZE; draw(); });
  window.addEventListener("hashchange", route);
  draw();  // the index shows while the pages' templates, after this script, are still being parsed
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", route);
  else route();
})();
