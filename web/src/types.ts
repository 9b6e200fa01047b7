// The shapes of the JSON the dashboard reads: `touchpoint metrics --format
// json` (docs/metrics.md, "JSON output"), served at /api/metrics.

export interface Compare {
  value: number | null;
  change: number | null;
  p_value: number | null;
  significant: boolean;
}

export interface Benchmark {
  band: string;
  verdict: string;
}

export interface Measure {
  value: number | null;
  unit: string;
  numerator?: number;
  denominator?: number;
  ci95?: [number, number];
  benchmark?: Benchmark;
  compare?: Compare;
  [extra: string]: unknown;
}

export type Measures = Record<string, Measure>;

export interface Range {
  from: string;
  to: string;
  tz?: string;
}

export interface MetricsAnswer {
  analysis?: string;
  range: Range;
  compare_range?: { from: string; to: string };
  definitions: string;
  interval?: string;
  metrics: Measures;
  series?: { period: string; metrics: Measures }[];
  groups?: { key: string; metrics: Measures }[];
  scanned_events: number;
}

export interface SegmentsAnswer {
  segments: { name: string; stale: boolean; values: string[] }[];
}
