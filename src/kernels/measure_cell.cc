#include "kernels/measure_cell.h"

namespace touchpoint::kernels {

void MeasureCell::Merge(const MeasureCell& o) {
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
  customers += o.customers;
  visitors += o.visitors;
  converters += o.converters;
  purchasers += o.purchasers;
  repeat_purchasers += o.repeat_purchasers;
  customer_revenue += o.customer_revenue;
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
  if (features.size() < o.features.size()) features.resize(o.features.size());
  for (size_t f = 0; f < o.features.size(); ++f) {
    features[f].adopters += o.features[f].adopters;
    features[f].uses += o.features[f].uses;
  }
}

void MeasureCell::MergeAdditive(const MeasureCell& o) {
  MeasureCell additive;
  additive.events = o.events;
  additive.impressions = o.impressions;
  additive.clicks = o.clicks;
  additive.social_impressions = o.social_impressions;
  additive.social_actions = o.social_actions;
  additive.purchases = o.purchases;
  additive.refunds = o.refunds;
  additive.revenue = o.revenue;
  additive.refunded = o.refunded;
  additive.sessions = o.sessions;
  additive.bounces = o.bounces;
  additive.bounce_base = o.bounce_base;
  additive.converted_sessions = o.converted_sessions;
  additive.cart_sessions = o.cart_sessions;
  additive.abandoned_carts = o.abandoned_carts;
  additive.duration_s = o.duration_s;
  additive.duration_s2 = o.duration_s2;
  additive.csat_n = o.csat_n;
  additive.csat_satisfied = o.csat_satisfied;
  additive.nps_n = o.nps_n;
  additive.promoters = o.promoters;
  additive.detractors = o.detractors;
  additive.ces_n = o.ces_n;
  additive.ces_sum = o.ces_sum;
  additive.ces_sum2 = o.ces_sum2;
  additive.customer_revenue = o.customer_revenue;
  additive.features.resize(o.features.size());
  for (size_t f = 0; f < o.features.size(); ++f) additive.features[f].uses = o.features[f].uses;
  Merge(additive);
}

}  // namespace touchpoint::kernels
