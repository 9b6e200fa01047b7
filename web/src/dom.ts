// Small DOM helpers shared by the dashboard's pages and the report.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

export type Cell = string | number | Node | null | undefined;

export interface Column {
  title: string;
  numeric?: boolean; // right-aligned, tabular figures
}

// A plain table; numbers arrive formatted (strings) or as nodes.
export function table(columns: Column[], rows: Cell[][], className = ""): HTMLTableElement {
  const t = el("table", `data-table ${className}`.trim());
  const head = t.createTHead().insertRow();
  for (const c of columns) {
    const th = el("th", c.numeric ? "num" : "", c.title);
    head.append(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = tr.insertCell();
      if (columns[i]?.numeric) td.className = "num";
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null || cell === undefined ? "" : String(cell);
    });
  }
  return t;
}

// A row of headline figures ("AUC 0.88", "customers 1,955").
export function stats(items: { label: string; value: string; hint?: string; tone?: "good" | "bad" | "" }[]): HTMLElement {
  const box = el("div", "stats");
  for (const item of items) {
    const s = el("div", `stat ${item.tone ?? ""}`.trim());
    s.append(el("div", "stat-value", item.value), el("div", "stat-label", item.label));
    if (item.hint) s.title = item.hint;
    box.append(s);
  }
  return box;
}

// The answer's notes (docs/api.md: things to know about the answer) and
// stale derived columns, under a chart.
export function notes(answer: { notes?: string[]; stale_derived?: string[] }): HTMLElement | null {
  const lines = [...(answer.notes ?? [])];
  for (const d of answer.stale_derived ?? []) lines.push(`derived column '${d}' was computed from older data than the store holds`);
  if (lines.length === 0) return null;
  const box = el("ul", "notes");
  for (const l of lines) box.append(el("li", "", l));
  return box;
}
