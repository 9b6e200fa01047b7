// What every page of the dashboard gets: the page to draw panels on, the
// filters (as the API's from/to/where), what the store holds (/api/info and
// the derived columns, for pickers), and the page's own settings, which
// live in the address next to the filters so a view can be shared.
import { getJson } from "../api";
import type { Filters } from "../filters";
import type { Page } from "../page";
import type { DerivedColumnsAnswer, InfoAnswer } from "../types";

export interface ViewContext {
  page: Page;
  filters: Filters;
  // from, to (exclusive) and where, ready for the API.
  api: Record<string, string>;
  info: InfoAnswer | null;
  derived: DerivedColumnsAnswer | null;
  // The page's setting `name` from the address, or `fallback`.
  param(name: string, fallback?: string): string;
  // Changes settings (in the address) and draws the page again.
  set(updates: Record<string, string>): void;
  // GET /api/NAME with the filters and `params`.
  query<T>(name: string, params?: Record<string, string>): Promise<T>;
}

export interface View {
  id: string;
  title: string;
  // The address parameters the page owns (kept when switching pages).
  params: string[];
  render(ctx: ViewContext, controls: HTMLElement): void;
}

export function makeQuery(page: Page, api: Record<string, string>) {
  return <T>(name: string, params: Record<string, string> = {}) =>
    getJson<T>(`/api/${name}`, { ...api, ...params }, page.signal);
}

// The columns a page can cut by: the well-known ones, the store's
// properties and its derived columns.
export function cutColumns(ctx: ViewContext): string[] {
  const cols = ["channel", "campaign", "page", "event", "survey", "feature"];
  for (const p of ctx.info?.properties ?? []) if (!cols.includes(p)) cols.push(p);
  for (const d of ctx.derived?.segments ?? []) cols.push(`derived:${d.name}`);
  return cols;
}

// The store's events, most frequent first.
export function eventNames(ctx: ViewContext): string[] {
  return Object.keys(ctx.info?.events_by_type ?? {});
}
