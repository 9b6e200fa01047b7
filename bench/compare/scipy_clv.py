#!/usr/bin/python3
"""The peer of bench/clv_bench: BG/NBD + Gamma-Gamma fit and scoring in
vectorised numpy/scipy, starting from the ready per-customer summary that
clv_bench writes (customer_id, frequency, recency, T, monetary in weeks).

Same log-likelihoods (docs/prediction.md) over log-parameters, fitted with
scipy.optimize.minimize(method="L-BFGS-B") and its finite-difference
gradient (the way the `lifetimes` package fits); the same scoring:
P(alive), expected purchases over 52 weeks and the discounted CLV with
weekly steps at 10% a year, with scipy.special.hyp2f1, evaluated once per
distinct (frequency, T) like the engine. Prints the stage times, the fits
and the totals, so a run shows both reached the same optimum.

usage: scipy_clv.py SUMMARY.csv
"""
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

HORIZON, STEP, RATE, WEEKS_PER_YEAR = 52.0, 1.0, 0.10, 365.25 / 7


def bgnbd_negll(log_params, x, tx, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    l1 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        l2 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(l1, l2))


def gg_negll(log_params, x, m):
    p, q, v = np.exp(log_params)
    px = p * x
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(m) + px * np.log(x)
          - (px + q) * np.log(v + x * m))
    return -np.sum(ll)


def alive_expected(params, x, T, t):
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    c = a + b + x - 1
    return c / (a - 1) * (1 - (1 - z) ** (a - 1) * hyp2f1(c - r - x, a - 1, c, z))


def main():
    start = time.perf_counter()
    d = np.genfromtxt(sys.argv[1], delimiter=",", names=True, usecols=(1, 2, 3, 4), dtype=float)
    x, tx, T, m = d["frequency"], d["recency"], d["T"], d["monetary"]
    loaded = time.perf_counter()

    scale = T.sum() / x.sum()
    fit = minimize(bgnbd_negll, np.log([1.0, scale, 1.0, 1.0]), args=(x, tx, T), method="L-BFGS-B",
                   bounds=[(np.log(1e-8), np.log(1e8))] * 4)
    params = np.exp(fit.x)
    fitted = time.perf_counter()

    rep = (x > 0) & (m > 0)
    gfit = minimize(gg_negll, np.log([1.0, 2.0, m[rep].mean()]), args=(x[rep], m[rep]), method="L-BFGS-B",
                    bounds=[(np.log(1e-8), np.log(1e8))] * 3)
    p, q, v = np.exp(gfit.x)
    spend_fitted = time.perf_counter()

    r, alpha, a, b = params
    p_alive = np.where(x > 0, 1 / (1 + a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x)), 1.0)
    keys, inverse = np.unique(np.stack([x, T], axis=1), axis=0, return_inverse=True)
    kx, kT = keys[:, 0], keys[:, 1]
    previous = np.zeros(len(keys))
    discounted = np.zeros(len(keys))
    for k in range(1, int(np.ceil(HORIZON / STEP)) + 1):
        tk = min(k * STEP, HORIZON)
        current = alive_expected(params, kx, kT, tk)
        discounted += (current - previous) * (1 + RATE) ** (-tk / WEEKS_PER_YEAR)
        previous = current
    expected = p_alive * previous[inverse]
    spend = np.where(rep, (v + x * m) * p / (p * x + q - 1), p * v / (q - 1))
    clv = spend * p_alive * discounted[inverse]
    scored = time.perf_counter()

    print("customers %d  load %.3f s  fit %.3f s  spend %.3f s  score %.3f s  (fit+score %.3f s)" %
          (len(x), loaded - start, fitted - loaded, spend_fitted - fitted, scored - spend_fitted, scored - loaded))
    print("bgnbd LL %.4f  r %.5f alpha %.5f a %.5f b %.5f  (%d evaluations)" %
          (-fit.fun, r, alpha, a, b, fit.nfev))
    print("gamma-gamma LL %.4f  p %.4f q %.4f v %.4f" % (-gfit.fun, p, q, v))
    print("totals: expected purchases %.2f  clv %.2f  mean p_alive %.6f" % (expected.sum(), clv.sum(), p_alive.mean()))


if __name__ == "__main__":
    main()
