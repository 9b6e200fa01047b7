// The measures of `touchpoint metrics` (docs/metrics.md) as people name
// them, and which way is good, for the overview's cards, the trends page's
// picker and the report.

export interface MeasureInfo {
  title: string;
  lowerIsBetter?: boolean;
}

export const MEASURES: Record<string, MeasureInfo> = {
  events: { title: "Events" },
  customers: { title: "Customers" },
  sessions: { title: "Sessions" },
  visitors: { title: "Visitors" },
  ctr: { title: "Click-through rate" },
  bounce_rate: { title: "Bounce rate", lowerIsBetter: true },
  conversion_rate: { title: "Conversion rate" },
  session_conversion_rate: { title: "Session conversion rate" },
  avg_session_duration_s: { title: "Avg. session duration" },
  csat: { title: "CSAT" },
  nps: { title: "Net Promoter Score" },
  ces: { title: "Customer effort score" },
  churn_rate: { title: "Churn rate", lowerIsBetter: true },
  retention_rate: { title: "Retention rate" },
  contractual_churn_rate: { title: "Contractual churn", lowerIsBetter: true },
  revenue_churn_rate: { title: "Revenue churn", lowerIsBetter: true },
  clv_historic: { title: "Customer lifetime value" },
  activation_rate: { title: "Activation rate" },
  new_customers: { title: "New customers" },
  new_customers_growth: { title: "New customer growth" },
  engagement_rate: { title: "Engagement rate" },
  social_engagement_rate: { title: "Social engagement rate" },
  active_days: { title: "Active days per customer" },
  dau: { title: "Daily active customers" },
  mau: { title: "Monthly active customers" },
  stickiness: { title: "Stickiness (DAU/MAU)" },
  cart_abandonment_rate: { title: "Cart abandonment", lowerIsBetter: true },
  revenue: { title: "Revenue" },
};

export function measureTitle(name: string): string {
  return MEASURES[name]?.title ?? name.replace(/_/g, " ");
}
