// The shapes of the JSON the dashboard and the report read: each analysis's
// `touchpoint NAME --format json` (docs/api.md for the common header, the
// analyses' docs for the rest), served at /api/NAME; and /api/info,
// /api/derived. Only the fields the pages use are declared.

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
  promoters?: number;
  passives?: number;
  detractors?: number;
  [extra: string]: unknown;
}

export type Measures = Record<string, Measure>;

export interface Range {
  from: string;
  to: string;
  tz?: string;
}

// The header every analysis's answer starts with (docs/api.md, "JSON").
export interface Header {
  analysis: string;
  range: Range;
  definitions: string;
  by: string[];
  where: string[];
  scanned_events: number;
  stale_derived: string[];
  notes: string[];
  seconds: number;
}

export interface Period {
  period: string;
  metrics: Measures;
}

export interface MetricsAnswer extends Header {
  compare_range?: { from: string; to: string };
  interval?: string;
  partial_periods?: string[];
  metrics: Measures;
  series?: Period[];
  groups?: { key: string; metrics: Measures; series?: Period[] }[];
}

export interface FunnelStep {
  step: string;
  count: number;
  customers: number;
  dropped: number;
  conversion_from_previous: number | null;
  conversion_from_previous_ci95: [number, number] | null;
  conversion_from_first: number | null;
  conversion_from_first_ci95: [number, number] | null;
  median_time_to_convert_s: number | null;
  p90_time_to_convert_s: number | null;
  median_time_from_first_s: number | null;
}

export interface FunnelAnswer extends Header {
  mode: string;
  count: string;
  window_s: number;
  excluded: number;
  steps: FunnelStep[];
  groups?: { key: string; excluded: number; steps: FunnelStep[] }[];
}

export interface Cohort {
  cohort: string;
  size: number;
  retained: number[];
  percent: (number | null)[];
  churn: (number | null)[];
  revenue: number[];
  complete_periods: number;
}

export interface RetentionAnswer extends Header {
  period: string;
  cohort: string;
  return: string;
  unbounded: boolean;
  cohorts: Cohort[];
  average: (number | null)[];
  average_ci95: ([number, number] | null)[];
  average_n: number[];
}

export interface PathsAnswer extends Header {
  touchpoint: string;
  scope: string;
  depth: number;
  journeys: number;
  customers: number;
  top_paths: {
    path: string[];
    paths: number;
    customers: number;
    share_of_customers: number;
    converted: number;
    conversion_after: number | null;
  }[];
  touchpoints: {
    touchpoint: string;
    events: number;
    customers: number;
    exit_rate: number | null;
    conversion_after: number | null;
  }[];
  sankey: { nodes: { name: string }[]; links: { source: number; target: number; value: number }[] };
}

export interface ClvAnswer extends Header {
  model: string;
  unit: string;
  customers: number;
  purchase_events: number;
  calibration_end: string;
  holdout: { from: string; to: string } | null;
  horizon: number;
  converged: boolean;
  warnings: string[];
  totals: { expected_purchases: number | null; clv: number | null; mean_p_alive: number | null };
  validation: {
    holdout_length: number;
    actual_total: number | null;
    predicted_total: number | null;
    mae: number | null;
    correlation: number | null;
    by_frequency: { frequency: string; customers: number; actual: number | null; predicted: number | null }[];
    tracking: {
      period: string;
      holdout: boolean;
      actual: number | null;
      expected: number | null;
      actual_cumulative: number | null;
      expected_cumulative: number | null;
    }[];
  } | null;
  top_customers: {
    customer_id: string;
    frequency: number;
    p_alive: number | null;
    expected_purchases: number | null;
    expected_spend: number | null;
    clv: number | null;
  }[];
}

export interface ChurnAnswer extends Header {
  as_of: string;
  horizon_s: number;
  auc: number | null;
  train: { customers: number; churned: number; churn_rate: number; trained_on: number };
  test: { customers: number; churned: number; churn_rate: number; trained_on: number };
  top_decile: { customers: number; precision: number | null; recall: number | null; lift: number | null };
  calibration: { decile: number; customers: number; predicted: number | null; actual: number | null }[];
  drivers: { feature: string; mean_abs_shap: number; share: number; direction: number }[];
  scored_customers: number;
  mean_risk: number | null;
}

export interface SegmentsAnalysisAnswer extends Header {
  method: string;
  customers: number;
  segments: {
    name: string;
    customers: number;
    share: number;
    revenue: number | null;
    revenue_share: number | null;
    description: string;
  }[];
}

export interface FeedbackTheme {
  theme: string;
  category: string;
  comments: number;
  share: number;
  sentiment: number | null;
  phrases: string[];
  quotes: string[];
  effect: number | null;
  p_value: number | null;
}

export interface FeedbackAnswer extends Header {
  survey: string | null;
  comments: number;
  customers: number;
  themes: FeedbackTheme[];
  drivers: {
    survey: string | null;
    respondents: number;
    negative: { theme: string; effect: number; p_value: number | null; significant: boolean }[];
    positive: { theme: string; effect: number; p_value: number | null; significant: boolean }[];
  };
  sentiment: {
    mean: number | null;
    negative: number;
    neutral: number;
    positive: number;
  };
  interval: string;
  trend: { period: string; comments: number; sentiment: number | null; negative_share: number | null; themes: Record<string, number> }[];
}

// /api/info: `touchpoint info --format json`.
export interface InfoAnswer {
  events: number;
  customers: number;
  first_event: string | null; // ISO-8601, null for an empty store
  last_event: string | null;
  // The same in epoch ms, filled in on arrival (main.ts); 0 for an empty store.
  min_ts: number;
  max_ts: number;
  events_by_type: Record<string, number>;
  events_by_channel: Record<string, number>;
  events_by_campaign: Record<string, number>;
  properties: string[];
}

// /api/derived: the derived columns, for the segment filter.
export interface DerivedColumnsAnswer {
  segments: { name: string; stale: boolean; values: string[] }[];
}
