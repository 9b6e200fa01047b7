// The dashboard's filters, kept in the address (?from=&to=&channel=&campaign=
// &segment=NAME:VALUE) so a view can be bookmarked and shared, and turned
// into the query API's parameters (from, to, where).

export interface Filters {
  from: string; // YYYY-MM-DD, inclusive; "" = the data's start
  to: string; // YYYY-MM-DD, inclusive in the UI; "" = the data's end
  channel: string;
  campaign: string;
  segment: string; // "NAME:VALUE" of a derived column; "" = everyone
}

const NAMES: (keyof Filters)[] = ["from", "to", "channel", "campaign", "segment"];

export function readFilters(): Filters {
  const p = new URLSearchParams(window.location.search);
  const f = { from: "", to: "", channel: "", campaign: "", segment: "" };
  for (const name of NAMES) f[name] = p.get(name) ?? "";
  return f;
}

export function writeFilters(f: Filters): void {
  const p = new URLSearchParams(window.location.search);
  for (const name of NAMES) {
    if (f[name]) p.set(name, f[name]);
    else p.delete(name);
  }
  const query = p.toString();
  window.history.pushState(null, "", window.location.pathname + (query ? `?${query}` : ""));
}

// A literal for the --where language (kernels/event_filter.h): quoted with
// whichever quote the value does not contain.
function literal(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

export function whereClause(f: Filters): string {
  const parts: string[] = [];
  if (f.channel) parts.push(`channel = ${literal(f.channel)}`);
  if (f.campaign) parts.push(`campaign = ${literal(f.campaign)}`);
  if (f.segment) {
    const colon = f.segment.indexOf(":");
    if (colon > 0) parts.push(`derived:${f.segment.slice(0, colon)} = ${literal(f.segment.slice(colon + 1))}`);
  }
  return parts.join(" AND ");
}

// The day after a YYYY-MM-DD date: the API's `to` is exclusive.
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

// The sparkline's step: days for up to ~2 months, weeks up to ~1 year, else months.
export function intervalFor(days: number): "day" | "week" | "month" {
  if (days <= 62) return "day";
  if (days <= 366) return "week";
  return "month";
}

// The query API's parameters for the filters (the UI's `to` is inclusive).
export function apiParams(f: Filters): Record<string, string> {
  return { from: f.from, to: f.to ? dayAfter(f.to) : "", where: whereClause(f) };
}

// The step of a time series over the filtered range: from the filters'
// dates, else from the data's span (/api/info), else weeks.
export function rangeInterval(f: Filters, info: { min_ts: number; max_ts: number } | null): "day" | "week" | "month" {
  const start = f.from ? Date.parse(`${f.from}T00:00:00Z`) : info?.min_ts;
  const end = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86400000 : info ? info.max_ts + 1 : undefined;
  if (start === undefined || end === undefined || !(end > start)) return "week";
  return intervalFor(Math.ceil((end - start) / 86400000));
}
