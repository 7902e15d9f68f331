// hrsearch's page: a search box, facets that filter, hits with their
// citations, a report view with "copy citation". The state lives in the
// URL with the API's parameter names (q, country, year, section, offset,
// sort), so a search can be bookmarked and shared and Back works. Report
// text only ever reaches the page as text nodes (never as HTML).
"use strict";

const PAGE = 10;
const SHORT_LIST = 10;
const FILTERS = ["country", "year", "section"];
const $ = (id) => document.getElementById(id);
let outline = null; // topic -> title, from /api/sections
let firstPainted = false;

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The page's state, read from and written to the URL.
function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", offset: Number(p.get("offset")) || 0, sort: p.get("sort") || "" };
  for (const kind of FILTERS) state[kind] = p.getAll(kind).filter(Boolean);
  state.report = p.get("report") || "";
  state.report_section = p.get("report_section") || "";
  state.at = p.get("at") || "";
  return state;
}

function stateUrl(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const kind of FILTERS) for (const value of state[kind]) p.append(kind, value);
  if (state.offset) p.set("offset", state.offset);
  if (state.sort) p.set("sort", state.sort);
  if (state.report) {
    p.set("report", state.report);
    if (state.report_section) p.set("report_section", state.report_section);
    if (state.at) p.set("at", state.at);
  }
  const query = p.toString();
  return query ? "/?" + query : "/";
}

function go(state, mark) {
  history.pushState(mark || null, "", stateUrl(state));
  render();
}

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString());
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) throw new Error((body && body.error) || "the server answered " + response.status);
  return body;
}

async function loadOutline() {
  if (outline) return outline;
  outline = new Map();
  try {
    const data = await api("/api/sections", new URLSearchParams());
    for (const s of data.sections) {
      outline.set(s.topic, s.title);
      for (const c of s.children || []) outline.set(c.topic, c.title);
    }
  } catch (_) { /* titles are a nicety */ }
  return outline;
}

// "p. 12" or "p. 12-13" for a source with pages (a PDF), else "".
function pagesNote(pages) {
  if (!pages) return "";
  return pages[0] === pages[1] ? "p. " + pages[0] : "p. " + pages[0] + "-" + pages[1];
}

function citation(hit) {
  const line = [hit.country + " " + hit.year, ...hit.section_path].join(" › ");
  return hit.pages ? line + ", " + pagesNote(hit.pages) : line;
}

// Where a passage is in its source: its bytes, or for a PDF its pages.
function whereNote(item) {
  if (item.byte_range) return "bytes " + item.byte_range[0] + "-" + item.byte_range[1];
  return pagesNote(item.pages);
}

// Text with character ranges marked; ranges count Unicode code points.
function marked(text, ranges) {
  const chars = Array.from(text);
  const parts = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start < last || end < start) continue;
    parts.push(chars.slice(last, start).join(""), el("mark", {}, chars.slice(start, end).join("")));
    last = end;
  }
  parts.push(chars.slice(last).join(""));
  return parts;
}

function note(text, kind) {
  return el("p", { class: "note" + (kind ? " " + kind : ""), role: kind === "error" ? "alert" : null }, text);
}

function toggle(state, kind, value) {
  const next = { ...state, offset: 0, report: "" };
  next[kind] = state[kind].includes(value) ? state[kind].filter((v) => v !== value) : [...state[kind], value];
  go(next);
}

function facetButton(state, kind, value, label, count) {
  const on = state[kind].includes(String(value));
  return el("button", {
    class: "facet", type: "button", "data-kind": kind, "data-value": value, "aria-pressed": on ? "true" : "false",
    title: on ? "Remove this filter" : "Filter by this", onclick: () => toggle(state, kind, String(value)),
  }, el("span", { class: "label" }, label), el("span", { class: "count" }, count.toLocaleString("en")));
}

// Facets: sections as a tree (top-level sections rolled up), years newest
// first, countries by count. Active filters stay listed so a click removes them.
function renderFacets(state, facets) {
  const box = $("facets");
  box.replaceChildren();
  if (!facets) return;
  const tops = new Map();
  for (const f of facets.section) {
    const top = f.value.split("/")[0];
    if (!tops.has(top)) tops.set(top, { count: 0, own: 0, children: [] });
    const entry = tops.get(top);
    entry.count += f.count;
    if (top === f.value) entry.own = f.count; else entry.children.push(f);
  }
  const tree = el("ul", {});
  for (const [top, entry] of tops) {
    const children = entry.children.map((c) => el("li", {}, facetButton(state, "section", c.value, c.label || c.value, c.count)));
    tree.append(el("li", {}, facetButton(state, "section", top, outline.get(top) || top, entry.count),
      children.length ? el("ul", {}, children) : null));
  }
  const years = [...facets.year].reverse();
  // Long lists (200 countries) show their first ones, and the rest on asking.
  const list = (kind, values) => {
    const items = values.map((f) => el("li", {}, facetButton(state, kind, f.value, f.label, f.count)));
    const ul = el("ul", {}, items);
    if (values.length > SHORT_LIST + 2) {
      const hidden = items.slice(SHORT_LIST).filter((li) => li.firstChild.getAttribute("aria-pressed") !== "true");
      hidden.forEach((li) => { li.hidden = true; });
      const more = el("button", { type: "button", class: "more" }, "Show all " + values.length);
      more.addEventListener("click", () => { hidden.forEach((li) => { li.hidden = false; }); more.remove(); });
      ul.append(el("li", {}, more));
    }
    return ul;
  };
  box.append(
    el("div", { class: "group" }, el("h2", {}, "Section"), tree),
    el("div", { class: "group" }, el("h2", {}, "Year"), list("year", years)),
    el("div", { class: "group" }, el("h2", {}, "Country"), list("country", facets.country)));
  // Filters the counts no longer show (a year with no match): still removable.
  const shown = new Set([...box.querySelectorAll(".facet")].map((b) => b.dataset.kind + "\u0000" + b.dataset.value));
  const stray = [];
  for (const kind of FILTERS) for (const value of state[kind])
    if (!shown.has(kind + "\u0000" + value)) stray.push(el("li", {}, facetButton(state, kind, value, kind + ": " + value, 0)));
  if (stray.length) box.prepend(el("div", { class: "group" }, el("h2", {}, "Active filters"), el("ul", {}, stray)));
}

// Where a passage stands in its report, for the report view to mark the
// part holding it: its first byte; or, for a source without byte ranges (a
// PDF, a UTF-16 file), its first page and its headings (parts on one page
// differ by their headings), as "p12.k3x9z1" or "h.k3x9z1".
function placeOf(item) {
  if (item.byte_range) return String(item.byte_range[0]);
  return (item.pages ? "p" + item.pages[0] : "h") + "." + pathKey(item.section_path);
}

function holds(part, at) {
  if (at === "") return false;
  if (part.byte_range) return Number(at) >= part.byte_range[0] && Number(at) < part.byte_range[1];
  const m = /^(?:p(\d+)|h)\.([0-9a-z]+)$/.exec(at);
  if (!m || pathKey(part.section_path) !== m[2]) return false;
  if (m[1] === undefined) return true;
  const page = Number(m[1]);
  return part.pages !== null && part.pages[0] <= page && page <= part.pages[1];
}

// A short hash of a heading path (FNV-1a, base 36), to keep URLs short.
function pathKey(path) {
  let h = 0x811c9dc5;
  for (const c of path.join("\u0001")) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

function renderHit(hit, rank, state) {
  const [country, year] = hit.report_id.split("/");
  const open = { ...state, report: hit.report_id, report_section: hit.section_topic, at: placeOf(hit) };
  const link = el("a", { class: "cite", href: stateUrl(open) }, rank + ". " + citation(hit));
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(open, { fromResults: true });
  });
  const also = hit.also_in.length
    ? el("p", { class: "meta" }, "also in " + hit.also_in.map((a) => a.year).join(", ") + " (nearly the same text)")
    : null;
  return el("li", { class: "hit", "data-country": country, "data-year": year },
    el("div", {}, link, el("span", { class: "code" }, "[" + hit.section_code + " · " + hit.section_topic + "]")),
    el("p", { class: "snippet" }, marked(hit.snippet, hit.snippet_highlights)),
    el("p", { class: "meta" }, hit.source + " (" + whereNote(hit) + ")"),
    also);
}

function renderPager(state, total) {
  const pager = $("pager");
  pager.replaceChildren();
  if (total <= PAGE) return;
  const pages = Math.ceil(Math.min(total, 100000) / PAGE);
  const page = Math.floor(state.offset / PAGE) + 1;
  const to = (offset) => () => { go({ ...state, offset }); window.scrollTo(0, 0); };
  pager.append(
    el("button", { type: "button", "data-page": "prev", disabled: page <= 1, onclick: to(Math.max(0, state.offset - PAGE)) }, "← Previous"),
    el("span", {}, "Page " + page + " of " + pages.toLocaleString("en")),
    el("button", { type: "button", "data-page": "next", disabled: page >= pages, onclick: to(state.offset + PAGE) }, "Next →"));
}

async function renderSearch(state) {
  $("intro").hidden = Boolean(state.q);
  if (!state.q) {
    for (const id of ["status", "notes", "hits", "pager", "facets"]) $(id).replaceChildren();
    return;
  }
  $("status").textContent = "Searching…";
  const params = new URLSearchParams({ q: state.q, facets: "true", limit: PAGE, offset: state.offset });
  if (state.sort) params.set("sort", state.sort);
  for (const kind of FILTERS) for (const value of state[kind]) params.append(kind, value);
  let data;
  try {
    [data] = await Promise.all([api("/api/search", params), loadOutline()]);
  } catch (error) {
    $("status").textContent = "";
    $("notes").replaceChildren(note(error.message, "error"));
    for (const id of ["hits", "pager", "facets"]) $(id).replaceChildren();
    return;
  }
  const shown = data.hits.length;
  let status = data.total.toLocaleString("en") + " matching passage" + (data.total === 1 ? "" : "s");
  if (shown) status = (state.offset + 1) + "–" + (state.offset + shown) + " of " + status;
  if (data.folded) status += "; " + data.folded + " near-copies from other years folded under these hits";
  $("status").textContent = status;
  const notes = data.warnings.map((w) => note(w));
  if (data.did_you_mean) {
    const fixed = { ...state, q: data.did_you_mean, offset: 0 };
    notes.push(el("p", { class: "note" }, "Did you mean ", el("a", { href: stateUrl(fixed), id: "did-you-mean" }, data.did_you_mean), "?"));
  }
  $("notes").replaceChildren(...notes);
  $("hits").replaceChildren(...data.hits.map((hit, i) => renderHit(hit, state.offset + i + 1, state)));
  renderPager(state, data.total);
  renderFacets(state, data.facets);
  if (!firstPainted && shown) {
    firstPainted = true;
    // The first hits are in the DOM; the next frame has them on screen.
    requestAnimationFrame(() => { document.body.dataset.firstResultMs = String(Math.round(performance.now())); });
  }
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const area = el("textarea", {}, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy citation"; }, 1500);
}

// The report view: the hit's whole section in that report, the hit's own
// part marked, with a citation to copy.
async function renderReport(state) {
  const view = $("report");
  const [country, year] = state.report.split("/");
  view.replaceChildren(el("p", { class: "status" }, "Loading the report…"));
  const params = new URLSearchParams({ country, year });
  if (state.report_section) params.set("section", state.report_section);
  let data;
  try {
    [data] = await Promise.all([api("/api/report", params), loadOutline()]);
  } catch (error) {
    view.replaceChildren(note(error.message, "error"));
    return;
  }
  const back = el("button", { type: "button", id: "back" }, "← Back to results");
  back.addEventListener("click", () => {
    // Opened from the results: going back keeps one history entry per view.
    if (history.state && history.state.fromResults) history.back();
    else go({ ...state, report: "", report_section: "", at: "" });
  });
  const parts = [];
  let title = state.report;
  let current = null;
  for (const report of data.reports) {
    title = report.title;
    for (const s of report.sections) {
      const here = holds(s, state.at);
      const section = el("section", { class: here ? "current" : null },
        el("h3", {}, citation({ ...report, section_path: s.section_path, pages: s.pages }), el("span", { class: "code" }, "[" + s.section_code + " · " + s.section_topic + "]")),
        s.text.split("\n\n").map((p) => el("p", {}, p)));
      if (here) current = { section, report, part: s };
      parts.push(section);
    }
  }
  const first = data.reports[0];
  if (!current && first && first.sections[0]) current = { section: null, report: first, part: first.sections[0] };
  const copyButton = el("button", { type: "button", id: "copy-citation" }, "Copy citation");
  // "U.S. Department of State, Kazakhstan 2020 Human Rights Report, section
  // 1.d: d. Arbitrary Arrest or Detention › Pretrial Detention"
  const citationText = current
    ? "U.S. Department of State, " + current.report.title + ", section " + current.part.section_code + ": " +
      (current.part.section_path.length > 1 ? current.part.section_path.slice(1) : current.part.section_path).join(" › ") +
      (current.part.pages ? ", " + pagesNote(current.part.pages) : "")
    : title;
  copyButton.addEventListener("click", () => copy(citationText, copyButton));
  const topic = state.report_section ? (outline.get(state.report_section) || state.report_section) : "";
  view.replaceChildren(
    el("header", {},
      el("div", { class: "tools" }, back, copyButton),
      el("h2", {}, title),
      topic ? el("p", { class: "meta" }, "Section: " + topic) : null,
      el("p", { class: "meta", id: "citation" }, citationText)),
    ...data.warnings.map((w) => note(w)),
    ...(parts.length ? parts : [note("This report has no such section in the index.")]));
  // The hit's section at the top, just under the sticky header.
  const header = view.querySelector("header");
  const top = current && current.section
    ? current.section.getBoundingClientRect().top + window.scrollY - header.offsetHeight - 8 : 0;
  window.scrollTo(0, Math.max(0, top));
}

function render() {
  const state = readState();
  $("q").value = state.q;
  document.title = state.q ? state.q + " – hrsearch" : "hrsearch";
  const reading = Boolean(state.report);
  $("report").hidden = !reading;
  $("results").hidden = reading;
  $("facets").hidden = reading;
  if (reading) return renderReport(state);
  return renderSearch(state);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const state = readState();
    go({ ...state, q: $("q").value.trim(), offset: 0, report: "", report_section: "", at: "" });
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      $("q").focus();
      $("q").select();
    }
  });
  window.addEventListener("popstate", render);
  render();
});
