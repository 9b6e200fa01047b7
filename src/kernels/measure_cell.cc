#include "kernels/measure_cell.h"

namespace touchpoint::kernels {

// The counts that add up across groups and periods: events, sessions,
// survey answers, revenue and feature uses.
void MeasureCell::AddSums(const MeasureCell& o) {
  events += o.events;
  impressions += o.impressions;
  clicks += o.clicks;
  social_impressions += o.social_impressions;
  social_actions += o.social_actions;
  purchases += o.purchases;
  refunds += o.refunds;
  revenue += o.revenue;
  refunded += o.refunded;
  sessions += o.sessions;
  bounces += o.bounces;
  bounce_base += o.bounce_base;
  converted_sessions += o.converted_sessions;
  cart_sessions += o.cart_sessions;
  abandoned_carts += o.abandoned_carts;
  duration_s += o.duration_s;
  duration_s2 += o.duration_s2;
  csat_n += o.csat_n;
  csat_satisfied += o.csat_satisfied;
  nps_n += o.nps_n;
  promoters += o.promoters;
  detractors += o.detractors;
  ces_n += o.ces_n;
  ces_sum += o.ces_sum;
  ces_sum2 += o.ces_sum2;
  customer_revenue += o.customer_revenue;
  if (features.size() < o.features.size()) features.resize(o.features.size());
  for (size_t f = 0; f < o.features.size(); ++f) features[f].uses += o.features[f].uses;
}

void MeasureCell::Merge(const MeasureCell& o) {
  AddSums(o);
  customers += o.customers;
  visitors += o.visitors;
  converters += o.converters;
  purchasers += o.purchasers;
  repeat_purchasers += o.repeat_purchasers;
  new_customers += o.new_customers;
  activated += o.activated;
  active_days += o.active_days;
  churn_base += o.churn_base;
  churned += o.churned;
  churn_base_revenue += o.churn_base_revenue;
  churned_revenue += o.churned_revenue;
  subscribers_at_start += o.subscribers_at_start;
  subscribers_cancelled += o.subscribers_cancelled;
  purchaser_churn_base += o.purchaser_churn_base;
  purchasers_churned += o.purchasers_churned;
  monthly_actives += o.monthly_actives;
  months += o.months;
  for (size_t f = 0; f < o.features.size(); ++f) features[f].adopters += o.features[f].adopters;
}

void MeasureCell::MergeAdditive(const MeasureCell& o) { AddSums(o); }

}  // namespace touchpoint::kernels
