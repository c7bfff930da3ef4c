#!/usr/bin/env python3
"""Inter-arrival facts and a fitted arrival model for the Azure LLM inference trace 2023.

Run from anywhere: ``python3 scripts/azure_interarrivals.py`` prints the report; ``fit()`` returns
the figures that ``azure_quantiles.py`` writes as documented constants into
``Sources/Simulation/Calibration/AzureTrace.swift``. Deterministic (fixed seeds, scipy MLE).

Conventions (the same as the figures in the trace's README):
- inter-arrivals are differences of consecutive timestamps of one service, in milliseconds;
- CV is the population standard deviation over the mean (numpy ``std``, ddof = 0);
- count dispersion is var/mean (ddof = 0) of request counts in bins of 1 s or 60 s starting at
  the first request, the last (partial) bin included;
- MLE fits are ``scipy.stats.<dist>.fit(x, floc=0)``.

Code service model ("batches in sessions"): a stream is a renewal sequence of *batches*;
a batch is a maximal run of requests whose inter-arrivals are <= 1 ms (simultaneous at the
trace's millisecond resolution). Batch sizes are geometric on {1, 2, ...} with the observed mean.
The gap between consecutive batch starts is, with probability ``1 - idle_probability``, an
*active* gap ``1 ms + Gamma(shape, scale)`` (MLE on the observed gaps in (1 ms, 10 s], minus
1 ms), and otherwise an *idle* gap ``10 s + Gamma(shape, scale)`` (MLE on the excess of the
observed gaps > 10 s over 10 s). No single Gamma, Weibull or lognormal fitted to all gaps
reproduces the CV (their implied CVs are printed), hence the idle component.
"""

import math
import sys

import numpy as np
from scipy import stats

import azure_trace

BATCH_THRESHOLD_MS = 1.0
IDLE_THRESHOLD_MS = 10_000.0
SIMULATED_HOURS = 200
SIMULATION_SEED = 20231116


def count_dispersion(timestamps_us, bin_us):
    """var/mean (ddof 0) of counts per bin, bins starting at the first event."""
    t = np.sort(timestamps_us)
    counts = np.bincount(((t - t[0]) // bin_us).astype(np.int64))
    return counts.var() / counts.mean()


def count_dispersion_ms(times_ms, bin_ms):
    t = np.sort(times_ms)
    counts = np.bincount(np.floor((t - t[0]) / bin_ms).astype(np.int64))
    return counts.var() / counts.mean()


def stream_summary(times_ms):
    """The figures compared between the real trace and simulated streams."""
    x = np.diff(np.sort(times_ms))
    return {
        "fraction_le_1ms": float((x <= 1.0).mean()),
        "cv": float(x.std() / x.mean()),
        "median_ms": float(np.median(x)),
        "mean_ms": float(x.mean()),
        "dispersion_1s": float(count_dispersion_ms(times_ms, 1000.0)),
        "dispersion_60s": float(count_dispersion_ms(times_ms, 60000.0)),
        "requests": int(len(times_ms)),
    }


def describe(service):
    trace = azure_trace.load(service)
    t = trace.timestamps_us
    x = trace.inter_arrivals_ms()
    gamma_shape, _, gamma_scale = stats.gamma.fit(x, floc=0)
    weibull_shape, _, weibull_scale = stats.weibull_min.fit(x, floc=0)
    per_second = np.bincount(((t - t[0]) // 1_000_000).astype(np.int64)).astype(float)
    acf = {lag: float(np.corrcoef(per_second[:-lag], per_second[lag:])[0, 1]) for lag in (1, 5, 10, 30)}
    return trace, {
        "requests": int(len(t)),
        "minutes": float((t[-1] - t[0]) / 60e6),
        "mean_ms": float(x.mean()),
        "median_ms": float(np.median(x)),
        "cv": float(x.std() / x.mean()),
        "fraction_le_1ms": float((x <= 1.0).mean()),
        "gamma_shape": float(gamma_shape),
        "gamma_scale_ms": float(gamma_scale),
        "weibull_shape": float(weibull_shape),
        "weibull_scale_ms": float(weibull_scale),
        "dispersion_1s": float(count_dispersion(t, 1_000_000)),
        "dispersion_60s": float(count_dispersion(t, 60_000_000)),
        "count_acf_1s": acf,
    }


def bootstrap_renewal(x, rng, hours):
    """Median summary of i.i.d. resamples of the real inter-arrivals (a renewal process with
    exactly the real marginal): what no renewal model can exceed in count dispersion."""
    rows = []
    for _ in range(hours):
        need = int(3_600_000 / x.mean() * 1.5) + 100
        times = np.cumsum(rng.choice(x, need))
        rows.append(stream_summary(times[times < 3_600_000]))
    return {k: float(np.median([r[k] for r in rows])) for k in rows[0]}


def fit_code_model(trace):
    x = trace.inter_arrivals_ms()
    gaps = x[x > BATCH_THRESHOLD_MS]
    batches = len(gaps) + 1
    mean_batch = len(trace.timestamps_us) / batches
    sizes = np.diff(np.concatenate([[0], np.nonzero(x > BATCH_THRESHOLD_MS)[0] + 1, [len(x) + 1]]))
    within = x[x <= BATCH_THRESHOLD_MS]

    single = {}
    for name, dist in (("gamma", stats.gamma), ("weibull", stats.weibull_min), ("lognormal", stats.lognorm)):
        params = dist.fit(gaps, floc=0)
        mean, var = dist.stats(*params, moments="mv")
        single[name] = {"params": [float(p) for p in params], "cv": float(math.sqrt(var) / mean),
                        "ks": float(stats.kstest(gaps, dist.cdf, args=params).statistic)}

    active = gaps[gaps <= IDLE_THRESHOLD_MS] - BATCH_THRESHOLD_MS
    idle_excess = gaps[gaps > IDLE_THRESHOLD_MS] - IDLE_THRESHOLD_MS
    idle_probability = len(idle_excess) / len(gaps)
    active_fits = {}
    for name, dist in (("gamma", stats.gamma), ("weibull", stats.weibull_min), ("lognormal", stats.lognorm)):
        params = dist.fit(active, floc=0)
        active_fits[name] = {"params": [float(p) for p in params],
                             "ks": float(stats.kstest(active, dist.cdf, args=params).statistic)}
    a_shape, _, a_scale = stats.gamma.fit(active, floc=0)
    i_shape, _, i_scale = stats.gamma.fit(idle_excess, floc=0)

    # Population CV of the model: X = 0 within a batch, else the gap G; with geometric batches
    # of mean b, CV^2 + 1 = b * E[G^2] / E[G]^2.
    def moments(shift, shape, scale):
        m = shift + shape * scale
        return m, shape * scale * scale + m * m
    am1, am2 = moments(BATCH_THRESHOLD_MS, a_shape, a_scale)
    im1, im2 = moments(IDLE_THRESHOLD_MS, i_shape, i_scale)
    eg = (1 - idle_probability) * am1 + idle_probability * im1
    eg2 = (1 - idle_probability) * am2 + idle_probability * im2
    population_cv = math.sqrt(mean_batch * eg2 / (eg * eg) - 1)

    return {
        "batch_threshold_ms": BATCH_THRESHOLD_MS,
        "batches": int(batches),
        "mean_batch_size": float(mean_batch),
        "batch_size_counts": [int(c) for c in np.bincount(sizes)[1:8]],
        "within_batch_median_ms": float(np.median(within)),
        "single_fits_to_all_gaps": single,
        "idle_threshold_ms": IDLE_THRESHOLD_MS,
        "idle_probability": float(idle_probability),
        "idle_gaps": int(len(idle_excess)),
        "active_fits": active_fits,
        "active_gamma_shape": float(a_shape),
        "active_gamma_scale_ms": float(a_scale),
        "idle_gamma_shape": float(i_shape),
        "idle_gamma_scale_ms": float(i_scale),
        "model_mean_interarrival_ms": float(eg / mean_batch),
        "model_population_cv": float(population_cv),
    }


def simulate_code_model(model, rng, hours):
    rows = []
    p = 1.0 / model["mean_batch_size"]
    for _ in range(hours):
        n = int(3_600_000 / model["model_mean_interarrival_ms"] * 2) + 1000
        idle = rng.random(n) < model["idle_probability"]
        active = BATCH_THRESHOLD_MS + rng.gamma(model["active_gamma_shape"], model["active_gamma_scale_ms"], n)
        pause = IDLE_THRESHOLD_MS + rng.gamma(model["idle_gamma_shape"], model["idle_gamma_scale_ms"], n)
        starts = np.cumsum(np.where(idle, pause, active))
        keep = starts < 3_600_000
        times = np.repeat(starts[keep], rng.geometric(p, n)[keep])
        rows.append(stream_summary(times))
    keys = rows[0].keys()
    return {k: {"median": float(np.median([r[k] for r in rows])),
                "p10": float(np.quantile([r[k] for r in rows], 0.1)),
                "p90": float(np.quantile([r[k] for r in rows], 0.9))} for k in keys}


def simulate_gamma_renewal(shape, scale, rng, hours):
    rows = []
    for _ in range(hours):
        n = int(3_600_000 / (shape * scale) * 1.5) + 1000
        times = np.cumsum(rng.gamma(shape, scale, n))
        rows.append(stream_summary(times[times < 3_600_000]))
    return {k: float(np.median([r[k] for r in rows])) for k in rows[0]}


def fit():
    """All figures, keyed by service; deterministic."""
    rng = np.random.default_rng(SIMULATION_SEED)
    out = {}
    for service in ("conv", "code"):
        trace, facts = describe(service)
        facts["bootstrap_renewal"] = bootstrap_renewal(trace.inter_arrivals_ms(), rng, SIMULATED_HOURS)
        if service == "code":
            facts["model"] = fit_code_model(trace)
            facts["model_simulation"] = simulate_code_model(facts["model"], rng, SIMULATED_HOURS)
        else:
            facts["gamma_renewal_simulation"] = simulate_gamma_renewal(
                facts["gamma_shape"], facts["gamma_scale_ms"], rng, SIMULATED_HOURS)
        out[service] = facts
    return out


def _print(obj, indent=0):
    pad = "  " * indent
    for key, value in obj.items():
        if isinstance(value, dict):
            print("%s%s:" % (pad, key))
            _print(value, indent + 1)
        elif isinstance(value, float):
            print("%s%s: %.6g" % (pad, key, value))
        else:
            print("%s%s: %s" % (pad, key, value))


if __name__ == "__main__":
    _print(fit())
    sys.exit(0)
