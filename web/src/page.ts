// A page of the dashboard as it is drawn once: a grid of panels, each with
// its own loading, error and empty state, and a count of the panels still
// loading. When the last one settles the page root gets data-ready="true"
// and data-render-ms (the time since the page began), which the browser
// tests and the timings in bench/RESULTS.md read.
//
// A 400 from the API is the CLI's usage error: the analysis cannot answer
// on this data or with these settings (no survey answers, an unknown
// event). It is shown as an empty state with the API's message, not as a
// failure. A 401 goes to the shell, which asks for the key.
import { ApiError } from "./api";
import { disposeCharts, mountChart, type Option } from "./charts/core";
import { el } from "./dom";

export interface PanelOptions {
  title: string;
  subtitle?: string;
  span?: 1 | 2 | 3; // columns of the page's grid
  id?: string; // data-panel, for tests
}

export class Panel {
  readonly box: HTMLElement;
  readonly body: HTMLElement;
  private readonly subtitle: HTMLElement;

  constructor(
    private readonly page: Page,
    options: PanelOptions,
  ) {
    this.box = el("section", `panel span-${options.span ?? 1}`);
    if (options.id) this.box.dataset.panel = options.id;
    const head = el("header", "panel-head");
    head.append(el("h3", "", options.title));
    this.subtitle = el("p", "panel-sub", options.subtitle ?? "");
    head.append(this.subtitle);
    this.body = el("div", "panel-body");
    this.box.append(head, this.body);
    this.loading();
  }

  setSubtitle(text: string): void {
    this.subtitle.textContent = text;
  }

  private state(name: string): void {
    this.box.dataset.state = name;
  }

  loading(): void {
    this.state("loading");
    disposeCharts(this.body);
    this.body.replaceChildren(el("div", "skeleton"));
  }

  // Runs `load`; draws with `draw`, or shows why it could not.
  async run<T>(load: (signal: AbortSignal) => Promise<T>, draw: (data: T) => void): Promise<void> {
    this.page.begin();
    try {
      const data = await load(this.page.signal);
      if (this.page.stale) return;
      disposeCharts(this.body);
      this.body.replaceChildren();
      // Ready unless the drawing finds nothing to show (it calls empty()).
      this.state("ready");
      draw(data);
    } catch (e) {
      if (this.page.stale) return;
      this.fail(e);
    } finally {
      this.page.end();
    }
  }

  fail(e: unknown): void {
    if (e instanceof ApiError && e.status === 401) {
      this.page.unauthorized(e.message);
      return;
    }
    if (e instanceof ApiError && e.status === 400) {
      this.empty("Cannot answer this request", e.message);
      return;
    }
    this.state("error");
    disposeCharts(this.body);
    const box = el("div", "panel-message error");
    box.append(el("strong", "", "Could not load"), el("span", "", e instanceof Error ? e.message : String(e)));
    this.body.replaceChildren(box);
  }

  empty(title: string, message: string): void {
    this.state("empty");
    disposeCharts(this.body);
    const box = el("div", "panel-message");
    box.append(el("strong", "", title), el("span", "", message));
    this.body.replaceChildren(box);
  }

  // A chart of `height` pixels named `name` (data-chart) in the panel.
  chart(name: string, option: Option, height = 300): HTMLElement {
    const box = el("div", "chart");
    box.style.height = `${height}px`;
    this.body.append(box);
    mountChart(box, name, option);
    return box;
  }
}

export class Page {
  readonly grid: HTMLElement;
  private readonly controller = new AbortController();
  private pending = 0;
  private readonly started = performance.now();
  stale = false;

  constructor(
    readonly root: HTMLElement,
    readonly unauthorized: (message: string) => void,
  ) {
    this.grid = el("div", "panel-grid");
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  panel(options: PanelOptions): Panel {
    const p = new Panel(this, options);
    this.grid.append(p.box);
    return p;
  }

  begin(): void {
    if (this.pending++ === 0) this.root.dataset.ready = "false";
  }

  end(): void {
    if (--this.pending > 0 || this.stale) return;
    this.root.dataset.renderMs = String(Math.round(performance.now() - this.started));
    this.root.dataset.ready = "true";
  }

  // After the view has started its panels: a page that loads nothing is ready at once.
  settle(): void {
    if (this.pending > 0 || this.stale) return;
    this.root.dataset.renderMs = String(Math.round(performance.now() - this.started));
    this.root.dataset.ready = "true";
  }

  // The page is replaced: its answers are not drawn, its requests dropped.
  close(): void {
    this.stale = true;
    this.controller.abort();
    disposeCharts(this.root);
  }
}
