/*
 * kg graph page: reads the JSON data island, draws it with vis-network and wires
 * the search, the filters, the neighbourhood highlight and the evidence panel.
 *
 * Source text (labels, name variants, quotes, document names) is only ever put
 * into the page as text: element.textContent, element.append(string) and
 * option.text. Nothing here assigns HTML.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const DIM = "rgba(200,200,200,0.35)";
  const INK = "#343434";
  const WIKIDATA = "https://www.wikidata.org/wiki/";

  const nodes = new vis.DataSet(data.network.nodes);
  const edges = new vis.DataSet(data.network.edges);
  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.network.options);
  const panel = document.getElementById("kg-panel");
  const relationsOf = indexRelations();

  /* ---------- small DOM helpers: text only ---------- */

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (name === "class") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child); // strings become text nodes
    return node;
  }

  function section(title, content) {
    return el("section", {}, [el("h3", {}, [title]), content]);
  }

  function list(items) {
    return items.length ? el("ul", {}, items.map((item) => el("li", {}, [item]))) : el("p", {}, ["none"]);
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function formatNumber(value) {
    if (typeof value !== "number") return value === null || value === undefined ? "–" : String(value);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }

  function entityButton(id) {
    const entity = data.entities[id];
    const button = el("button", { class: "kg-link", type: "button" }, [entity ? entity.label : id]);
    button.addEventListener("click", () => select(id));
    return button;
  }

  /* ---------- physics: stabilise, then stop ---------- */

  function ready() {
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.state = "ready";
  }

  if (data.network.nodes.length === 0) ready();
  else network.once("stabilizationIterationsDone", ready);

  /* ---------- neighbourhood highlight ---------- */

  // Only what changes is updated: vis-network redoes each updated node's and edge's
  // styles, and a pruned page of 2,000 entities has thousands of them. A highlighted
  // neighbourhood looks as it does undimmed, so the state is the set of dimmed ids.
  const nodeById = new Map(data.network.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.network.edges.map((e) => [e.id, e]));
  let dimmedNodes = new Set();
  let dimmedEdges = new Set();

  function restyle(dataset, byId, before, after, dimmed, plain) {
    const changes = [];
    for (const id of after) if (!before.has(id)) changes.push(dimmed(byId.get(id)));
    for (const id of before) if (!after.has(id)) changes.push(plain(byId.get(id)));
    if (changes.length) dataset.update(changes);
  }

  function dim(nodeIds, edgeIds) {
    restyle(nodes, nodeById, dimmedNodes, nodeIds,
      (n) => ({ id: n.id, color: DIM, font: { color: DIM } }),
      (n) => ({ id: n.id, color: n.color, font: { color: INK } }));
    restyle(edges, edgeById, dimmedEdges, edgeIds,
      (e) => ({ id: e.id, color: DIM, font: { color: "rgba(0,0,0,0)" } }),
      (e) => ({ id: e.id, color: e.color, font: { color: INK } }));
    dimmedNodes = nodeIds;
    dimmedEdges = edgeIds;
  }

  function highlight(id) {
    const near = new Set(network.getConnectedNodes(id).concat([id]));
    const nearEdges = new Set(network.getConnectedEdges(id));
    dim(new Set(data.network.nodes.filter((n) => !near.has(n.id)).map((n) => n.id)),
      new Set(data.network.edges.filter((e) => !nearEdges.has(e.id)).map((e) => e.id)));
  }

  function clearHighlight() {
    dim(new Set(), new Set());
  }

  /* ---------- evidence panel ---------- */

  function indexRelations() {
    const index = {};
    for (const relation of Object.values(data.relations)) {
      for (const end of [relation.from, relation.to]) (index[end] = index[end] || []).push(relation.id);
    }
    return index;
  }

  function openPanel(children) {
    const close = el("button", { class: "kg-close", type: "button", "aria-label": "Close" }, ["×"]);
    close.addEventListener("click", closePanel);
    panel.replaceChildren(close, ...children);
    panel.hidden = false;
    network.redraw();
  }

  function closePanel() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  function wikidataLink(entity) {
    if (!entity.wikidata || !entity.wikidata.startsWith(WIKIDATA)) return el("p", {}, ["none"]);
    const link = el("a", { href: entity.wikidata, target: "_blank", rel: "noopener noreferrer" }, [entity.qid]);
    return el("p", {}, [link]);
  }

  const METRIC_ORDER = ["pagerank", "degree", "weighted_degree", "betweenness", "eigenvector", "core",
    "community", "first_year", "last_year"];

  function metricRank(name) {
    const at = METRIC_ORDER.indexOf(name);
    return at < 0 ? METRIC_ORDER.length : at;
  }

  function metricsTable(metrics) {
    const names = Object.keys(metrics).sort((a, b) => metricRank(a) - metricRank(b) || (a < b ? -1 : 1));
    const rows = names.map((name) =>
      el("tr", {}, [el("td", {}, [name.replace(/_/g, " ")]), el("td", {}, [formatNumber(metrics[name])])]));
    return rows.length ? el("table", { class: "kg-metrics" }, [el("tbody", {}, rows)]) : el("p", {}, ["none"]);
  }

  // A panel shows this many relations, and this many quotes of each, at first; buttons
  // show the rest. The most connected entity of a million-word corpus has 300
  // relations and 1,200 quotes: drawn at once, they took the browser about 0.5 s.
  const RELATIONS_SHOWN = 25;
  const QUOTES_SHOWN = 3;

  // Appends ``make(item)`` for ``items`` ``step`` at a time to ``box``, with a button for the next ones.
  function inSteps(box, items, step, make, noun) {
    function from(start) {
      box.append(...items.slice(start, start + step).map(make));
      const rest = items.length - start - step;
      if (rest <= 0) return;
      const button = el("button", { class: "kg-more", type: "button" },
        [`Show ${Math.min(rest, step)} more of ${rest} ${noun}`]);
      const more = box.tagName === "OL" ? el("li", { class: "kg-more-item" }, [button]) : button;
      button.addEventListener("click", () => { more.remove(); from(start + step); });
      box.append(more);
    }
    from(0);
    return box;
  }

  function quote(ev) {
    return el("li", {}, [
      el("blockquote", {}, [ev.quote]),
      el("p", { class: "kg-source" }, [
        `${ev.doc}, characters ${ev.char_start}–${ev.char_end}` +
        (ev.confidence === null ? "" : `, confidence ${formatNumber(ev.confidence)}`) +
        (ev.method ? `, ${ev.method}` : ""),
      ]),
    ]);
  }

  function evidenceList(relation) {
    return inSteps(el("ol", { class: "kg-evidence" }, []), relation.evidence, QUOTES_SHOWN, quote, "quotes");
  }

  function relationBlock(relation) {
    const predicate = el("span", { class: "kg-predicate" }, [relation.predicate]);
    const count = relation.evidence.length;
    return el("article", { class: "kg-relation", "data-relation": relation.id }, [
      el("h4", {}, [entityButton(relation.from), " ", predicate, " → ", entityButton(relation.to),
        ` (${count} quote${count === 1 ? "" : "s"})`]),
      evidenceList(relation),
    ]);
  }

  function showEntity(id) {
    const entity = data.entities[id];
    if (!entity) return;
    const relations = (relationsOf[id] || []).map((rid) => data.relations[rid]);
    const dated = entity.years.length ? `; years ${entity.years.join(", ")}` : "";
    openPanel([
      el("h2", { id: "kg-panel-label" }, [entity.label]),
      el("p", {}, [entity.type + (entity.date ? ` · ${entity.date}` : "")]),
      el("p", { class: "kg-iri" }, [id]),
      section("Name variants", list(entity.alt_labels)),
      section("Wikidata", wikidataLink(entity)),
      section("Centrality", metricsTable(entity.metrics)),
      section("Documents", el("div", {}, [list(entity.docs), el("p", {}, [dated.slice(2)])])),
      section(`Relations (${relations.length})`, inSteps(el("div", {}, []), relations, RELATIONS_SHOWN, relationBlock,
        "relations")),
    ]);
  }

  function showRelation(rid) {
    const relation = data.relations[rid];
    if (!relation) return;
    openPanel([
      el("h2", { id: "kg-panel-label" }, [relation.predicate]),
      el("div", {}, [relationBlock(relation)]),
    ]);
  }

  function select(id) {
    if (!data.entities[id]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    highlight(id);
    showEntity(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showEntity(params.nodes[0]);
    } else if (params.edges.length) {
      clearHighlight();
      showRelation(params.edges[0]);
    } else {
      clearHighlight();
      closePanel();
    }
  });

  /* ---------- search by any name variant ---------- */

  const names = Object.entries(data.entities).map(([id, e]) => ({
    id: id,
    label: e.label,
    variants: [e.label].concat(e.alt_labels).map((name) => ({ name: name, key: fold(name) })),
  }));

  function bestMatch(entry, key) {
    let best = null;
    for (const variant of entry.variants) {
      const at = variant.key.indexOf(key);
      if (at < 0) continue;
      const score = variant.key === key ? 0 : at === 0 ? 1 : 2;
      if (!best || score < best.score) best = { score: score, name: variant.name };
    }
    return best;
  }

  function search(query) {
    const key = fold(query.trim());
    if (!key) return [];
    const hits = [];
    for (const entry of names) {
      const best = bestMatch(entry, key);
      if (best) hits.push({ id: entry.id, label: entry.label, name: best.name, score: best.score });
    }
    hits.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label) || (a.id < b.id ? -1 : 1));
    return hits.slice(0, 25);
  }

  const searchBox = document.getElementById("kg-search");
  const results = document.getElementById("kg-search-results");

  function showResults() {
    const hits = search(searchBox.value);
    results.replaceChildren(...hits.map((hit) => {
      const button = el("button", { type: "button", "data-node": hit.id }, [hit.label]);
      if (hit.name !== hit.label) button.append(" ", el("span", { class: "kg-variant" }, [`(${hit.name})`]));
      button.addEventListener("click", () => select(hit.id));
      return el("li", {}, [button]);
    }));
    if (searchBox.value.trim() && !hits.length) results.replaceChildren(el("li", {}, ["No entity has that name."]));
    return hits;
  }

  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const hits = showResults();
    if (hits.length) select(hits[0].id);
  });

  /* ---------- filters: type, predicate, document, years ---------- */

  const yearFrom = document.getElementById("kg-year-from");
  const yearTo = document.getElementById("kg-year-to");
  const undated = document.getElementById("kg-undated");
  const docSelect = document.getElementById("kg-doc");

  function checked(name) {
    return new Set(Array.from(document.querySelectorAll(`input[name="${name}"]:checked`), (box) => box.value));
  }

  function readFilters() {
    const bounds = data.facets.years;
    const from = yearFrom ? Number(yearFrom.value || bounds[0]) : -Infinity;
    const to = yearTo ? Number(yearTo.value || bounds[1]) : Infinity;
    return {
      types: checked("kg-type"),
      predicates: checked("kg-predicate"),
      doc: docSelect.value,
      from: from,
      to: to,
      undated: undated ? undated.checked : true,
    };
  }

  function entityShown(entity, f) {
    if (!f.types.has(entity.type)) return false;
    if (f.doc && !entity.docs.includes(f.doc)) return false;
    if (!entity.years.length) return f.undated;
    return entity.years.some((year) => year >= f.from && year <= f.to);
  }

  function relationShown(relation, f, visible) {
    if (!visible.has(relation.from) || !visible.has(relation.to)) return false;
    if (!f.predicates.has(relation.predicate)) return false;
    return !f.doc || relation.evidence.some((ev) => ev.doc === f.doc);
  }

  // What each filter change hides or shows is updated, not every node and edge (see dim()).
  const hidden = { nodes: new Map(), edges: new Map() };

  function setHidden(dataset, state, items, shown) {
    const changes = [];
    for (const item of items) {
      const hide = !shown(item);
      if (state.get(item.id) !== hide) {
        state.set(item.id, hide);
        changes.push({ id: item.id, hidden: hide });
      }
    }
    if (changes.length) dataset.update(changes);
  }

  function applyFilters() {
    const f = readFilters();
    const visible = new Set(data.network.nodes.filter((n) => entityShown(data.entities[n.id], f)).map((n) => n.id));
    setHidden(nodes, hidden.nodes, data.network.nodes, (n) => visible.has(n.id));
    let shownEdges = 0;
    setHidden(edges, hidden.edges, data.network.edges, (e) => {
      const shown = relationShown(data.relations[e.id], f, visible);
      shownEdges += shown ? 1 : 0;
      return shown;
    });
    const status = document.getElementById("kg-status");
    status.textContent = `Showing ${visible.size} of ${data.network.nodes.length} entities ` +
      `and ${shownEdges} of ${data.network.edges.length} relations.`;
    status.dataset.nodes = String(visible.size);
    status.dataset.edges = String(shownEdges);
  }

  for (const control of document.querySelectorAll("#kg-controls input:not(#kg-search), #kg-controls select")) {
    control.addEventListener("change", applyFilters);
    control.addEventListener("input", applyFilters);
  }
  applyFilters();

  /* A read-only handle for the console and for the page's tests. */
  window.kg = Object.freeze({ network: network, nodes: nodes, edges: edges, data: data, select: select, search: search });
})();
