#!/usr/bin/env python3
"""Reference values of the exact detection metrics (DESIGN §5) for Tests/EvaluationTests.

Usage:
  python3 scripts/metrics_reference.py     prints the Swift constants pasted into
                                           ``Tests/EvaluationTests/MetricsTestsReference.swift``

An implementation independent of the Swift one (``Sources/Evaluation/Metrics``): where Swift
keeps a one-pass ledger, binary searches and prefix sums, this script recomputes every figure
by brute force from the raw requests for each threshold, straight from the definitions:

- an account is flagged at threshold t iff its maximum score >= t, at t_t(a) = the time of its
  first change point with score >= t (minus infinity for t <= 0: every score starts at 0);
- "before the flag" is ts < t_t(a): a request in the same millisecond as the flag is blocked;
- leaked tokens: completion tokens of a positive account's campaign requests (all its requests
  when no labels are used) with ts < t_t(a); all of them if never flagged;
- collateral: requests and tokens of flagged benign accounts with ts >= t_t(a);
- time to detection: max(0, min over members of t_t(a) - campaign start) / 1000 s, and the
  campaign's requests with ts < that minimum;
- best-F1 and FPR-budget thresholds from scikit-learn's ``precision_recall_curve`` and
  ``roc_curve(drop_intermediate=False)`` points; AP and ROC-AUC from
  ``average_precision_score`` and ``roc_auc_score``; the 95 % t quantile from scipy.

Needs scikit-learn and scipy (``pip install scikit-learn``) for fixtures only; nothing in the
package runs Python. The generated traffic uses a 64-bit LCG repeated verbatim in
``Tests/EvaluationTests/MetricsTestsFixtures.swift``.
"""

import math
import statistics
import sys

import scipy
import sklearn
from scipy.stats import t as student_t
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

MASK = (1 << 64) - 1


class LCG:
    """Knuth's MMIX LCG; next(bound) = (state >> 33) % bound after one step."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 33) % bound


# ---------------------------------------------------------------------------------------------
# Cases. A case: accounts [(id, label, persona, tactic, campaign, decoy)], campaigns
# [(id, tactic, members, start)], requests [(ts, account, tokens, label)] in time order,
# change points [(account, time, score)].


def hand_case():
    """The hand-worked case of MetricsTestsHandWorked.swift (8 accounts, 2 campaigns)."""
    accounts = [
        ("a-benign-1", "benign", "chat-app", None, None, False),
        ("a-benign-2", "benign", "developer", None, None, False),
        ("a-decoy", "benign", "eval-harness", None, None, True),
        ("c1-adv-1", "adversarial", None, "hydra", "C1", False),
        ("c1-adv-2", "adversarial", None, "hydra", "C1", False),
        ("c1-mixed", "mixed", "router", "hydra", "C1", False),
        ("c2-adv-1", "adversarial", None, "cot-harvest", "C2", False),
        ("c2-adv-2", "adversarial", None, "cot-harvest", "C2", False),
    ]
    campaigns = [("C1", "hydra", [3, 4, 5], 1000), ("C2", "cot-harvest", [6, 7], 2000)]
    requests = [
        (1000, 3, 10, 0), (1000, 0, 5, -1), (1500, 5, 7, -1), (2000, 3, 20, 0), (2000, 6, 30, 1),
        (2500, 4, 40, 0), (3000, 5, 50, 0), (3000, 2, 8, -1), (3500, 1, 9, -1), (4000, 3, 60, 0),
        (4000, 6, 70, 1), (4500, 2, 11, -1), (5000, 7, 80, 1), (5000, 0, 12, -1), (5500, 5, 13, -1),
        (6000, 4, 90, 0), (6000, 2, 14, -1), (7000, 7, 100, 1),
    ]
    change_points = [
        (3, 2000, 0.4), (2, 3000, 0.5), (3, 4000, 0.8), (6, 4000, 0.6), (0, 5000, 0.2), (5, 5500, 0.7),
        (2, 6000, 0.9), (7, 7000, 0.3),
    ]
    return accounts, campaigns, requests, change_points


def generated_case(seed):
    """300 accounts (60 positive in 3 campaigns, 9 of them mixed), 30 000 requests with many
    same-millisecond ties, 0-3 change points per account on a 1/20 score grid."""
    rng = LCG(seed)
    personas = ["chat-app", "developer", "eval-harness", "router"]
    tactics = ["hydra", "cot-harvest", "hydra"]
    accounts = []
    for a in range(300):
        if a < 240:
            persona = personas[a % 4]
            accounts.append((f"acct-{a:03d}", "benign", persona, None, None, persona in ("eval-harness", "router")))
        else:
            c = (a - 240) // 20
            mixed = (a - 240) % 20 < 3
            accounts.append((f"acct-{a:03d}", "mixed" if mixed else "adversarial", "router" if mixed else None,
                             tactics[c], f"camp-{c}", False))
    campaigns = [(f"camp-{c}", tactics[c], list(range(240 + 20 * c, 260 + 20 * c)), 1000 + 5000 * c) for c in range(3)]
    requests = []
    ts = 0
    for _ in range(30_000):
        ts += rng.next(3)
        a = rng.next(300)
        tokens = rng.next(500) + 1
        if a < 240:
            label = -1
        elif (a - 240) % 20 < 3:
            label = (a - 240) // 20 if rng.next(2) == 0 else -1
        else:
            label = (a - 240) // 20
        requests.append((ts, a, tokens, label))
    change_points = []
    for a in range(300):
        k = rng.next(4)
        times = sorted(rng.next(32_000) for _ in range(k))
        level = 0
        for time in times:
            level += rng.next(8) + 2 if a >= 240 else rng.next(6) + 1
            change_points.append((a, time, level / 20))
    change_points.sort(key=lambda p: p[1])  # as a ScoreBoard records them: time order
    return accounts, campaigns, requests, change_points


# ---------------------------------------------------------------------------------------------
# Brute-force metrics.


def max_scores(case):
    accounts, _, _, change_points = case
    scores = [0.0] * len(accounts)
    for a, _, s in change_points:
        scores[a] = max(scores[a], s)
    return scores


def flag_time(case, a, threshold):
    """t_threshold(a): None if not flagged, -inf for threshold <= 0."""
    if threshold <= 0:
        return -math.inf
    times = [time for acc, time, s in case[3] if acc == a and s >= threshold]
    return min(times) if times else None


def counted(case, request, use_labels):
    """Whether a request is 'served' traffic of its account (positives: campaign requests)."""
    ts, a, tokens, label = request
    positive = case[0][a][1] != "benign"
    return not positive or not use_labels or label >= 0


def metrics_at(case, threshold, use_labels=True):
    accounts, campaigns, requests, _ = case
    positive = [acc[1] != "benign" for acc in accounts]
    scores = max_scores(case)
    flags = [flag_time(case, a, threshold) for a in range(len(accounts))]
    flagged = [s >= threshold for s in scores]
    assert all((f is not None) == g for f, g in zip(flags, flagged))
    tp = sum(1 for a in range(len(accounts)) if positive[a] and flagged[a])
    fp = sum(1 for a in range(len(accounts)) if not positive[a] and flagged[a])
    fn = sum(positive) - tp
    tn = (len(accounts) - sum(positive)) - fp
    leaked_by_account = [0] * len(accounts)
    total_by_account = [0] * len(accounts)
    collateral_requests = collateral_tokens = 0
    for request in requests:
        ts, a, tokens, label = request
        if not counted(case, request, use_labels):
            continue
        total_by_account[a] += tokens
        if positive[a] and (flags[a] is None or ts < flags[a]):
            leaked_by_account[a] += tokens
        if not positive[a] and flags[a] is not None and ts >= flags[a]:
            collateral_requests += 1
            collateral_tokens += tokens
    leaked = sum(leaked_by_account[a] for a in range(len(accounts)) if positive[a])
    total = sum(total_by_account[a] for a in range(len(accounts)) if positive[a])
    outcomes = []
    for index, (cid, tactic, members, start) in enumerate(campaigns):
        member_flags = [flags[m] for m in members if flags[m] is not None]
        campaign_requests = [r for r in requests if (r[3] == index if use_labels else r[1] in members)]
        if member_flags:
            first = min(member_flags)
            ttd = max(0.0, first - start) / 1000 if first != -math.inf else 0.0
            before = sum(1 for r in campaign_requests if r[0] < first)
        else:
            ttd = before = None
        outcomes.append({
            "flagged": len(member_flags), "ttd": ttd, "before": before, "requests": len(campaign_requests),
            "leaked": sum(leaked_by_account[m] for m in members), "total": sum(total_by_account[m] for m in members),
        })
    detected = [o["ttd"] for o in outcomes if o["ttd"] is not None]
    return {
        "threshold": threshold, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else None,
        "fpr": fp / (fp + tn) if fp + tn else None,
        "campaign_recall": len(detected) / len(campaigns) if campaigns else None,
        "account_recall_within": (sum(o["flagged"] / len(c[2]) for o, c in zip(outcomes, campaigns)) / len(campaigns)
                                  if campaigns else None),
        "account_recall_pooled": (sum(o["flagged"] for o in outcomes) / sum(len(c[2]) for c in campaigns)
                                  if campaigns else None),
        "median_ttd": statistics.median(detected) if detected else None,
        "leaked": leaked, "total": total, "prevented": 1 - leaked / total if total else None,
        "collateral_requests": collateral_requests, "collateral_tokens": collateral_tokens,
        "campaigns": outcomes,
    }


def best_f1_threshold(scores, labels):
    """Highest threshold of maximal F1 among scikit-learn's precision-recall points."""
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    best, best_f1 = math.inf, -1.0
    # Points are ascending in threshold; walk them descending so ties keep the highest.
    for p, r, th in sorted(zip(precision[:-1], recall[:-1], thresholds), key=lambda x: -x[2]):
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = th, f1
    return float(best)


def fpr_budget_threshold(scores, labels, budget):
    """Highest threshold > 0 of maximal TPR with FPR <= budget among scikit-learn's ROC points."""
    fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
    best, best_tpr = math.inf, -1.0
    for f, r, th in zip(fpr, tpr, thresholds):  # descending thresholds, first is +inf
        if th == math.inf or th <= 0 or f > budget:
            continue
        if r > best_tpr:
            best, best_tpr = th, r
    return float(best)


# ---------------------------------------------------------------------------------------------
# Printing Swift.


def swift(value):
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value == math.inf:
        return "Double.infinity"
    return repr(float(value))


def print_rows(name, case, thresholds, use_labels=True):
    print(f"    static let {name}: [Row] = [")
    for threshold in thresholds:
        m = metrics_at(case, threshold, use_labels)
        campaigns = ", ".join(
            f"({swift(o['flagged'])}, {swift(o['ttd'])}, {swift(o['before'])}, {o['requests']}, {o['leaked']}, {o['total']})"
            for o in m["campaigns"])
        print(f"        Row(threshold: {swift(threshold)}, tp: {m['tp']}, fp: {m['fp']}, fn: {m['fn']}, tn: {m['tn']},")
        print(f"            precision: {swift(m['precision'])}, recall: {swift(m['recall'])}, f1: {swift(m['f1'])}, "
              f"fpr: {swift(m['fpr'])},")
        print(f"            campaignRecall: {swift(m['campaign_recall'])}, withinCampaigns: {swift(m['account_recall_within'])}, "
              f"pooled: {swift(m['account_recall_pooled'])}, medianTTD: {swift(m['median_ttd'])},")
        print(f"            leaked: {m['leaked']}, total: {m['total']}, prevented: {swift(m['prevented'])}, "
              f"collateralRequests: {m['collateral_requests']}, collateralTokens: {m['collateral_tokens']},")
        print(f"            campaigns: [{campaigns}]),")
    print("    ]")


def main():
    print(f"    // scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, "
          f"python {sys.version.split()[0]}")
    hand = hand_case()
    scores = max_scores(hand)
    labels = [1 if acc[1] != "benign" else 0 for acc in hand[0]]
    print(f"    static let handAP = {swift(average_precision_score(labels, scores))}")
    print(f"    static let handAUC = {swift(roc_auc_score(labels, scores))}")
    print(f"    static let handBestF1 = {swift(best_f1_threshold(scores, labels))}")
    for budget in (0.001, 0.34):
        print(f"    static let handFPRBudget{str(budget).replace('.', '_')} = {swift(fpr_budget_threshold(scores, labels, budget))}")
    print_rows("handRows", hand, [-1.0, 0.0, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, math.inf])
    print_rows("handRowsUnlabelled", hand, [0.5, 0.3], use_labels=False)

    case = generated_case(1)
    scores = max_scores(case)
    labels = [1 if acc[1] != "benign" else 0 for acc in case[0]]
    print(f"    static let generatedAP = {swift(average_precision_score(labels, scores))}")
    print(f"    static let generatedAUC = {swift(roc_auc_score(labels, scores))}")
    print(f"    static let generatedBestF1 = {swift(best_f1_threshold(scores, labels))}")
    budgets = (0.001, 0.01, 0.05, 0.2)
    print("    static let generatedFPRBudget: [(budget: Double, threshold: Double)] = ["
          + ", ".join(f"({b}, {swift(fpr_budget_threshold(scores, labels, b))})" for b in budgets) + "]")
    # Tuning on seeds 2, 3, 4 at a 1 % budget, applied to seed 1.
    per_seed, pooled_scores, pooled_labels = [], [], []
    for seed in (2, 3, 4):
        tuning = generated_case(seed)
        s = max_scores(tuning)
        l = [1 if acc[1] != "benign" else 0 for acc in tuning[0]]
        per_seed.append(fpr_budget_threshold(s, l, 0.01))
        pooled_scores += s
        pooled_labels += l
    tuned_median = statistics.median(per_seed)
    tuned_pooled = fpr_budget_threshold(pooled_scores, pooled_labels, 0.01)
    print(f"    static let tuningThresholds = [{', '.join(swift(x) for x in per_seed)}]")
    print(f"    static let tunedMedian = {swift(tuned_median)}")
    print(f"    static let tunedPooled = {swift(tuned_pooled)}")

    # Every distinct maximum, plus thresholds between, below and above them and the tuned ones.
    distinct = sorted(set(scores))
    extra = [-0.5, 0.33, 100.0, math.inf, tuned_median, tuned_pooled]
    print(f"    static let generatedExtraThresholds = [{', '.join(swift(x) for x in extra)}]")
    print_rows("generatedRows", case, sorted(set(distinct + extra)))
    print_rows("generatedRowsUnlabelled", case, [0.2, 0.5, 1.0], use_labels=False)
    print(f"    static let studentT975df1 = {swift(student_t.ppf(0.975, 1))}")
    print(f"    static let studentT975df2 = {swift(student_t.ppf(0.975, 2))}")


if __name__ == "__main__":
    main()
