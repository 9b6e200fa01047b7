#!/usr/bin/python3
"""An independent computation of the measure catalogue with pandas.

Written from docs/metrics.md, not from the C++ code, to cross-check
`touchpoint metrics` value for value on generated data. Whole data range, UTC,
default definitions: impression and email_sent are inactive (what the business
shows or sends): they make nobody active and are in no session.
Usage: metrics_pandas.py EVENTS.csv|EVENTS.pkl > expected.json
"""
import json
import sys

import numpy as np
import pandas as pd

TIMEOUT_MS = 1800 * 1000
ACTIVATION_MS = 7 * 86400 * 1000
INACTIVE = ("impression", "email_sent")
DAYS_PER_YEAR = 365.25
MAX_LIFESPAN_YEARS = 10


def load(path):
    if path.endswith(".pkl"):  # the benchmark's "already loaded" form
        return pd.read_pickle(path)
    return pd.read_csv(path, dtype={"customer_id": str, "session_id": str, "event": str, "channel": str,
                                  "survey": str, "feature": str, "campaign": str}, keep_default_na=False,
                     na_values={"revenue": [""], "score": [""]})


def main(path):
    df = load(path)
    # The generator writes 2024-03-05T10:15:30.250Z (Debian 12 has pandas 1.5: no format="ISO8601").
    ts = pd.to_datetime(df["timestamp"], utc=True, format="%Y-%m-%dT%H:%M:%S.%fZ")
    df["ms"] = (ts - pd.Timestamp("1970-01-01", tz="UTC")) // pd.Timedelta(milliseconds=1)
    df["revenue"] = pd.to_numeric(df["revenue"], errors="coerce")
    df["score"] = pd.to_numeric(df["score"], errors="coerce")
    df["row"] = np.arange(len(df))
    df = df.sort_values(["customer_id", "ms", "row"], kind="mergesort").reset_index(drop=True)
    lo, hi = int(df["ms"].min()), int(df["ms"].max()) + 1
    out = {}
    ev = df["event"]
    out["events"] = len(df)
    act_rows = df[~ev.isin(INACTIVE)]
    out["customers"] = act_rows["customer_id"].nunique()
    out["visitors"] = df.loc[ev == "page_view", "customer_id"].nunique()
    imp = (ev == "impression").sum()
    out["ctr"] = 100.0 * (ev == "click").sum() / imp
    out["conversion_rate"] = 100.0 * df.loc[ev == "purchase", "customer_id"].nunique() / out["customers"]
    social = ((ev == "impression") & (df["channel"] == "social")).sum()
    out["social_engagement_rate"] = 100.0 * ev.isin(["like", "comment", "share"]).sum() / social

    # Sessions over active events: (customer, session_id) when given; else
    # 30-minute gaps in time order.
    has_sid = act_rows["session_id"] != ""
    gap = act_rows[~has_sid].copy()
    prev_c = gap["customer_id"].shift()
    prev_t = gap["ms"].shift()
    new = (gap["customer_id"] != prev_c) | (gap["ms"] - prev_t > TIMEOUT_MS)
    gap["sess"] = "g" + new.cumsum().astype(str)
    sid = act_rows[has_sid].copy()
    sid["sess"] = "s" + sid["customer_id"] + "\x1f" + sid["session_id"]
    s = pd.concat([gap, sid]).sort_values(["customer_id", "ms", "row"], kind="mergesort")
    # Vectorized per-session aggregates (as a pandas user would write them).
    sk = s["sess"]
    ev_s = s["event"]
    sess = pd.DataFrame({
        "n": sk.groupby(sk, sort=False).size(),
        "pv": (ev_s == "page_view").groupby(sk, sort=False).sum(),
        "purchase": (ev_s == "purchase").groupby(sk, sort=False).any(),
        "cart": (ev_s == "add_to_cart").groupby(sk, sort=False).any(),
        "dur": (s["ms"].groupby(sk, sort=False).max() - s["ms"].groupby(sk, sort=False).min()) / 1000.0,
    })
    out["sessions"] = len(sess)
    with_pv = sess["pv"] >= 1
    out["bounce_rate"] = 100.0 * ((sess["n"] == 1) & (sess["pv"] == 1)).sum() / with_pv.sum()
    out["avg_session_duration_s"] = sess["dur"].mean()
    out["session_conversion_rate"] = 100.0 * sess["purchase"].sum() / len(sess)
    carts = sess[sess["cart"]]
    out["cart_abandonment_rate"] = 100.0 * (~carts["purchase"]).sum() / len(carts)

    surv = df[ev == "survey_response"].dropna(subset=["score"])
    csat = surv[surv["survey"] == "csat"]["score"]
    out["csat"] = 100.0 * (csat >= 4).sum() / len(csat)
    nps = surv[surv["survey"] == "nps"]["score"]
    out["nps"] = 100.0 * ((nps >= 9).sum() - (nps <= 6).sum()) / len(nps)
    out["ces"] = surv[surv["survey"] == "ces"]["score"].mean()

    purchases = df[ev == "purchase"]
    refunds = df[ev == "refund"]
    out["revenue"] = purchases["revenue"].sum() - refunds["revenue"].sum()
    out["revenue_per_customer"] = out["revenue"] / out["customers"]
    purchase_days = pd.DataFrame({"c": purchases["customer_id"], "d": purchases["ms"] // 86400000}).drop_duplicates()
    per_purchaser = purchase_days.groupby("c").size()
    out["repeat_purchase_rate"] = 100.0 * (per_purchaser >= 2).sum() / len(per_purchaser)

    # Every active customer is new in the whole-data range; activation within
    # 7 days of first activity.
    first = act_rows.groupby("customer_id")["ms"].min()
    out["new_customers"] = len(first)
    act = df[ev == "activation"].merge(first.rename("first"), left_on="customer_id", right_index=True)
    activated = act[(act["ms"] >= act["first"]) & (act["ms"] <= act["first"] + ACTIVATION_MS)]["customer_id"].nunique()
    out["activation_rate"] = 100.0 * activated / len(first)
    out["engagement_rate"] = 100.0

    day = act_rows["ms"] // 86400000
    pairs = pd.DataFrame({"c": act_rows["customer_id"], "d": day}).drop_duplicates()
    out["active_days"] = len(pairs) / out["customers"]
    # Calendar days the range touches, a partly covered first and last day included.
    days = (pd.Timestamp(hi - 1, unit="ms").normalize() - pd.Timestamp(lo, unit="ms").normalize()).days + 1
    out["dau"] = len(pairs) / days

    # Calendar months (UTC): churn pooled over months m in range, base = active in m-1.
    month = pd.to_datetime(act_rows["ms"], unit="ms").dt.to_period("M")
    cm = pd.DataFrame({"c": act_rows["customer_id"], "m": month}).drop_duplicates()
    months = pd.period_range(pd.Timestamp(lo, unit="ms").to_period("M"), pd.Timestamp(hi - 1, unit="ms").to_period("M"))
    active = {m: set(cm.loc[cm["m"] == m, "c"]) for m in months}
    pmonth = pd.to_datetime(purchases["ms"], unit="ms").dt.to_period("M")
    first_buy = pmonth.groupby(purchases["customer_id"]).min()
    bought = {m: set(first_buy[first_buy <= m].index) for m in months}  # purchasers by m's end
    base = churned = p_base = p_churned = 0
    for m in months:
        prev = active.get(m - 1, set())
        base += len(prev)
        churned += len(prev - active[m])
        # Customers active in m-1 who had purchased by its end, lost in m.
        prev_buyers = prev & bought.get(m - 1, set())
        p_base += len(prev_buyers)
        p_churned += len(prev_buyers - active[m])
    out["churn_rate"] = 100.0 * churned / base if base else None
    out["retention_rate"] = 100.0 - out["churn_rate"] if base else None

    # Historic CLV: average purchase value x purchases per purchaser per year
    # x lifespan, 1 / the annual purchaser churn from the pooled monthly one.
    gross = purchases["revenue"].fillna(0).sum()
    years = (hi - lo) / 86400000 / DAYS_PER_YEAR
    frequency = len(purchases) / purchases["customer_id"].nunique() / years
    monthly = p_churned / p_base
    annual = 1 - (1 - monthly) ** 12
    lifespan = min(1 / annual, MAX_LIFESPAN_YEARS) if annual > 0 else MAX_LIFESPAN_YEARS
    out["clv_historic"] = gross / len(purchases) * frequency * lifespan

    # Contractual churn, pooled over the calendar months of the range: a
    # subscriber at a month's start (latest change before it a start) who
    # cancels in it.
    subs = df[ev.isin(["subscription_start", "subscription_cancel"])]
    at_start = cancelled = 0
    for m in months:
        start = max(int(m.start_time.value // 1_000_000), lo)
        end = min(int((m + 1).start_time.value // 1_000_000), hi)
        before = subs[subs["ms"] < start].groupby("customer_id")["event"].last()
        subscribers = set(before[before == "subscription_start"].index)
        inside = subs[(subs["ms"] >= start) & (subs["ms"] < end) & (subs["event"] == "subscription_cancel")]
        at_start += len(subscribers)
        cancelled += len(subscribers & set(inside["customer_id"]))
    out["contractual_churn_rate"] = 100.0 * cancelled / at_start if at_start else None
    out["mau"] = float(np.mean([len(active[m]) for m in months]))
    out["stickiness"] = 100.0 * out["dau"] / out["mau"]

    fu = df[(ev == "feature_use") & (df["feature"] != "")]
    out["feature_adoption"] = {
        f: 100.0 * g["customer_id"].nunique() / out["customers"] for f, g in fu.groupby("feature")}
    json.dump(out, sys.stdout, default=float)


if __name__ == "__main__":
    main(sys.argv[1])
