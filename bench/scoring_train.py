"""Fit the block model's weights (cleaner.blockmodel) on the trafilatura evaluation pages.

Usage (from the repository root, with the ``bench`` extra and scikit-learn):

    python -m bench.scoring_dev prepare     # whole-page text of every page, cached
    python -m bench.scoring_train           # fit on each half, score the other
    python -m bench.scoring_train --write   # ... then fit on all pages, write rules/scoring.toml
    python -m bench.scoring_dev bodies      # the body sets' dev split, cached
    python -m bench.scoring_train --tune [--write]   # sequence decoding, auto mode

Each page's whole-page text (html-text, ``guess_layout=True``) runs through the
cleaner's own stages up to scoring, in page mode, so the features are those
the library computes. A block is labelled story when it holds one of the page's
``with`` strings, boilerplate when it holds a ``without`` string, and is left
out otherwise; only blocks the rules left open (or that a cut marker holds)
are learnt from. The model is an L1-regularised logistic regression on
standardised features (few features keep the weights readable and the scoring
fast); the standardisation is folded into the written weights.

The figures printed are the F1 of ``clean(mode="page")`` with the model fitted
on one half of the pages and measured on the other (halves by a hash of the page
id, as in bench.scoring_dev), next to the same figures without a model.

Then the page model, auto mode's test of whether a text is a whole page: a
logistic model over features of the whole text (cleaner.blockmodel.PAGE_FEATURES,
the block model's verdicts among them), fitted on the html-text of each page
(a page) against trafilatura's default and ``favor_recall`` output and
resiliparse's main content of the same page (not a page), and on the dev
pages of the body sets (their whole-page text against trafilatura's output,
when ``python -m bench.scoring_dev bodies`` has cached them); its threshold is
the one rules/scoring.toml holds (``--tune`` sets it, 0.7 before any tuning),
so that extracted text is rarely scored. It prints, per source, how many
texts of 20 blocks or more a model fitted on the other half takes for pages.

``--tune`` sets the ``[scoring]`` values of the sequence decoding
(``sequence_leave``, ``sequence_enter``, ``thread_story``) and auto mode's
``auto_page_probability`` on the ``dev`` pages of the body sets (wcxb-dev,
dragnet, readability; bench._bodysets.split_of, cached by ``python -m
bench.scoring_dev bodies``); the ``test`` pages are never read. The decoding
values are chosen by the mean word-bag F1 of page mode on the whole-page text;
``auto_page_probability`` is the lowest value at which auto mode costs
trafilatura's output of the same pages at most ``AUTO_MAX_RECALL_LOSS`` of
recall against article mode. ``--write`` then writes the chosen values into
rules/scoring.toml. The block and page models stay fitted on the trafilatura
evaluation pages as above.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench._evaldata import Counts, collapse_ws, score
from bench.scoring_dev import CACHE, half_of

RULES = Path(__file__).resolve().parent.parent / "rules" / "scoring.toml"
BEGIN = "# --- Block model (written by bench/scoring_train.py) ---"


@dataclass
class Page:
    """One page's feature columns, block labels and open blocks."""

    cols: dict[str, list[float]]
    labels: list[int | None]
    open: list[bool]
    """Blocks the rules left open, or that a cut marker holds: those the model decides."""

    def rows(self, cols: dict[str, list[float]] | None = None) -> tuple[list[dict], list[int]]:
        """Feature rows and labels (1 story, 0 boilerplate) of the labelled open blocks."""
        cols = cols or self.cols
        keep = [i for i, (y, o) in enumerate(zip(self.labels, self.open)) if o and y is not None]
        return [{n: v[i] for n, v in cols.items()} for i in keep], [self.labels[i] for i in keep]


def page_data(cleaner, record: dict) -> Page | None:
    """A page's whole-page text through the cleaner's stages up to scoring (page mode)."""
    text = "\n".join(record["layout"])
    blocks, lang, _ = cleaner._ruled_blocks(text, url=None)
    if not blocks:
        return None
    cols = cleaner._page_scorer(lang).columns(blocks)  # the features cleaning computes
    labels = _labels([b.text for b in blocks], record["with"], record["without"])
    return Page(cols, labels, [b.rule is None or b.cut for b in blocks])


def _labels(texts: Sequence[str], with_: Sequence[str], without: Sequence[str]) -> list[int | None]:
    norm = [collapse_ws(t) for t in texts]
    out: list[int | None] = [None] * len(texts)
    for strings, label in ((without, 0), (with_, 1)):  # story wins a tie
        for s in strings:
            s = collapse_ws(s)
            for i, t in enumerate(norm):
                if s in t:
                    out[i] = label
    return out


def _fit_linear(rows: list[dict[str, float]], ys: list[int], names: list[str], c: float) -> dict:
    """An L1 logistic regression on standardised features; the standardisation is
    folded into the returned weights."""
    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    # scikit-learn 1.8 replaced penalty="l1" by l1_ratio=1
    l1 = {"l1_ratio": 1.0} if (major, minor) >= (1, 8) else {"penalty": "l1"}
    # liblinear shuffles the rows: a fixed seed makes a fit reproducible
    model = LogisticRegression(solver="liblinear", C=c, max_iter=5000, random_state=0, **l1)
    model.fit((x - mean) / std, np.array(ys))
    coef = model.coef_[0] / std
    bias = float(model.intercept_[0] - (coef * mean).sum())
    weights = {n: float(f"{w:.6g}") for n, w in zip(names, coef) if w != 0}
    return {"bias": float(f"{bias:.6g}"), "weights": weights}


FOLDS = 3


def fit(pages: Sequence[Page], c: float) -> dict:
    """The model table: a first pass on the block features, and a context pass on
    them plus the first pass's probabilities around each block. The context pass
    learns from probabilities the first pass gives pages it was not fitted on
    (out of fold), as it will see them on new pages."""
    from cleaner.blockmodel import CONTEXT_FEATURES, FEATURES, BlockModel, context_columns

    names = list(FEATURES)

    def first_pass(subset: Sequence[Page]) -> dict:
        rows, ys = [], []
        for page in subset:
            r, y = page.rows()
            rows += r
            ys += y
        return _fit_linear(rows, ys, names, c)

    table = first_pass(pages)
    rows, ys = [], []
    for k in range(FOLDS):
        model = BlockModel.from_tables(
            [("fold", first_pass([p for i, p in enumerate(pages) if i % FOLDS != k]))]
        )
        for page in pages[k::FOLDS]:
            probs = model.probabilities(page.cols)
            r, y = page.rows({**page.cols, **context_columns(probs, page.cols["removed"])})
            rows += r
            ys += y
    table["context"] = _fit_linear(rows, ys, names + list(CONTEXT_FEATURES), c)
    table["threshold"] = 0.5
    return table


# Whole-page text is a page; extractors' output of the same pages is not.
PAGE_SOURCES = {"layout": 1, "extracted": 0, "extracted_recall": 0, "resiliparse": 0}
PAGE_THRESHOLD = 0.7  # before tuning: a page must be clear, extracted text must not pay


def page_rows(cleaner, records: Sequence[dict]) -> list[tuple[str, str, dict, int]]:
    """(half, source, page features, label) of every text long enough to be a page."""
    rows = []
    for rec in records:
        for source, label in PAGE_SOURCES.items():
            blocks, lang, _ = cleaner._ruled_blocks("\n".join(rec[source]), url=None)
            scorer = cleaner._page_scorer(lang)
            if len(blocks) < scorer.settings.page_min_blocks:
                continue  # never taken for a page
            features = scorer.page_features(blocks)
            rows.append((half_of(rec["id"]), source, features, label))
    return rows


BODY_PAGE_SOURCES = {"page": 1, "extracted": 0}


def body_page_rows(cleaner) -> list[tuple[str, str, dict, int]]:
    """Rows as :func:`page_rows` gives them, from the dev pages of the body sets
    (whole-page text against trafilatura's output of the same page); none
    without their cache."""
    from bench.scoring_dev import BODIES_CACHE

    if not BODIES_CACHE.exists():
        return []
    rows = []
    for rec in pickle.loads(BODIES_CACHE.read_bytes()):
        for source, label in BODY_PAGE_SOURCES.items():
            blocks, lang, _ = cleaner._ruled_blocks(rec[source], url=rec["url"])
            scorer = cleaner._page_scorer(lang)
            if len(blocks) < scorer.settings.page_min_blocks:
                continue
            features = scorer.page_features(blocks)
            rows.append((half_of(f"{rec['set']}/{rec['id']}"), f"bodies:{source}", features,
                         label))
    return rows


def fit_page_model(rows: Sequence[tuple[str, str, dict, int]], c: float) -> dict:
    from cleaner.blockmodel import PAGE_FEATURES

    table = _fit_linear([r[2] for r in rows], [r[3] for r in rows], list(PAGE_FEATURES), c)
    table["threshold"] = _shipped_page_threshold()
    return table


def _shipped_page_threshold() -> float:
    """The page model's threshold in rules/scoring.toml (set by ``--tune``)."""
    import tomllib

    scoring = tomllib.loads(RULES.read_text(encoding="utf-8"))["scoring"]
    return float(scoring.get("page_model", {}).get("threshold", PAGE_THRESHOLD))


def report_detection(table: dict, rows: Sequence[tuple[str, str, dict, int]], label: str) -> None:
    """Share of each source's texts (of those long enough) taken for pages."""
    from cleaner.blockmodel import BlockModel

    model = BlockModel.page_from_tables([("fitted", table)])
    assert model is not None
    parts = []
    for source in [*PAGE_SOURCES, *(f"bodies:{k}" for k in BODY_PAGE_SOURCES)]:
        mine = [r for r in rows if r[1] == source]
        if not mine:
            continue
        hits = sum(model.page_probability(r[2]) >= model.threshold for r in mine)
        parts.append(f"{source} {hits}/{len(mine)}")
    print(f"page model {label} taken for pages: {', '.join(parts)}")


def evaluate(cleaner, records: Sequence[dict], table: dict | None) -> Counts:
    """Counts of ``clean(mode="page")`` over the records with the given model table."""
    from cleaner.blockmodel import BlockModel

    cleaner.block_model = BlockModel.from_tables([("fitted", table)]) if table else None
    total = Counts()
    for rec in records:
        doc = cleaner.clean("\n".join(rec["layout"]), mode="page")
        total += score(doc.text, rec["with"], rec["without"])
    return total


def to_toml(table: dict, page_table: dict) -> str:
    lines = [
        BEGIN,
        "# Fitted weights of cleaner.blockmodel. The first pass gives each block",
        "# p = 1 / (1 + exp(-(bias + sum(weight * feature)))); the context pass does the",
        "# same with the first pass's probabilities around the block as more features,",
        "# and a block is kept when its p reaches the threshold. Feature names and",
        "# meanings: cleaner.blockmodel.FEATURES and CONTEXT_FEATURES. Refit:",
        "# python -m bench.scoring_train --write (figures in its docstring).",
        "[scoring.model]",
        f"bias = {table['bias']!r}",
        f"threshold = {table['threshold']!r}",
        "",
        "[scoring.model.weights]",
    ]
    lines += [f"{name} = {w!r}" for name, w in sorted(table["weights"].items())]
    context = table["context"]
    page = page_table
    lines += ["", "[scoring.model.context]", f"bias = {context['bias']!r}", "",
              "[scoring.model.context.weights]"]
    lines += [f"{name} = {w!r}" for name, w in sorted(context["weights"].items())]
    lines += [
        "",
        "# Auto mode's page test: the same logistic form over PAGE_FEATURES of the",
        "# whole text (whole-page text against extractors' output of the same pages:",
        "# the trafilatura evaluation pages and the dev split of the body sets). The",
        "# threshold is set by python -m bench.scoring_train --tune.",
        "[scoring.page_model]",
        f"bias = {page['bias']!r}",
        f"threshold = {page['threshold']!r}",
        "",
        "[scoring.page_model.weights]",
    ]
    lines += [f"{name} = {w!r}" for name, w in sorted(page["weights"].items())]
    return "\n".join(lines) + "\n"


def write(table: dict, page_table: dict, path: Path = RULES) -> None:
    """Replace the model section of rules/scoring.toml (or append one)."""
    text = path.read_text(encoding="utf-8")
    section = to_toml(table, page_table)
    if BEGIN in text:
        head, _, rest = text.partition(BEGIN)
        # the section runs to the next top-level table that is not the model's
        tail = re.search(r"^\[(?!scoring\.(?:page_)?model)", rest, re.MULTILINE)
        text = head + section + (("\n" + rest[tail.start():]) if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Sequence decoding and auto mode, tuned on the dev split of the body sets

LEAVE_GRID = (0.01, 0.05, 0.1)
ENTER_GRID = (0.05, 0.1, 0.3)
KEEP_GRID = (1.0, 0.9, 0.8, 0.7)
REACH_GRID = (0, 5, 10, 20)
THREAD_GRID = (0.5, 0.15, 0.05, 0.02)
AUTO_GRID = (1.0, 0.99, 0.95, 0.9, 0.8, 0.7)
PAGE_THRESHOLD_GRID = (0.7, 0.8, 0.9)
AUTO_MAX_RECALL_LOSS = 0.003
"""Auto mode may cost extracted text this much mean recall against article
mode on the dev pages of any set (the promise is 0.005: the rest is a margin
for pages of other sites)."""


@dataclass
class Prepared:
    """One dev page's blocks after the rules, ready for page scoring."""

    set: str
    lang: str | None
    blocks: list
    texts: list[str]
    ruled: list[bool]
    truth: str
    kind: str | None
    """wcxb-dev's page type."""


def _prepared(cleaner, records: Sequence[dict], key: str) -> list[Prepared]:
    out = []
    for rec in records:
        blocks, lang, _ = cleaner._ruled_blocks(rec[key], url=rec["url"])
        if blocks:
            out.append(Prepared(rec["set"], lang, blocks, [b.text for b in blocks],
                                [b.rule is not None for b in blocks], rec["truth"],
                                rec["type"]))
    return out


def _kept_text(page: Prepared, decisions: bytes) -> str:
    """The body page scoring leaves (replace rules and the guard aside)."""
    from cleaner.page import Decision

    kept = []
    for i, text in enumerate(page.texts):
        d = decisions[i] if decisions else Decision.UNCHANGED
        if d == Decision.RESTORED or (d == Decision.UNCHANGED and not page.ruled[i]):
            kept.append(text)
    return "\n".join(kept)


class Tuner:
    """Scores the prepared dev pages with settings that differ from the shipped ones."""

    def __init__(self, cleaner) -> None:
        self.cleaner = cleaner
        self.base = cleaner.ruleset.settings_for("scoring")
        self._scorers: dict[tuple, object] = {}

    def scorer(self, lang: str | None, values: dict):
        from cleaner.page import PageScorer

        key = (lang, tuple(sorted(values.items())))
        if key not in self._scorers:
            tables = [*self.base, ("tuning", dict(values))]
            self._scorers[key] = PageScorer.for_language(
                tables, lang, self.cleaner.block_model, self.cleaner.page_model)
        return self._scorers[key]

    def bag(self, pages: Sequence[Prepared], values: dict, mode: str) -> dict[str, float]:
        """Mean word-bag precision, recall and F1 of ``mode``, per set and over all."""
        from bench._bodysets import bag_scores

        sums: dict[str, list[float]] = {}
        for page in pages:
            verdict = self.scorer(page.lang, values).score(page.blocks, mode)
            prf = bag_scores(_kept_text(page, verdict.decisions), page.truth)
            groups = [page.set, "all"] + ([f"{page.set}/article"] if page.kind == "article" else [])
            for group in groups:
                acc = sums.setdefault(group, [0.0, 0.0, 0.0, 0.0])
                acc[0] += prf.precision
                acc[1] += prf.recall
                acc[2] += prf.f1
                acc[3] += 1
        return {g: v[2] / v[3] for g, v in sums.items()} | {
            f"{g}:recall": v[1] / v[3] for g, v in sums.items()}


def tune(args) -> dict:
    """The tuned values (see the module docstring), with the figures printed."""
    from bench.scoring_dev import BODIES_CACHE
    from cleaner import Cleaner

    if not BODIES_CACHE.exists():
        raise SystemExit(f"no cache at {BODIES_CACHE}: run `python -m bench.scoring_dev bodies`")
    records = pickle.loads(BODIES_CACHE.read_bytes())
    cleaner = Cleaner()
    tuner = Tuner(cleaner)
    pages = _prepared(cleaner, records, "page")
    extracted = _prepared(cleaner, [r for r in records if r["extracted"]], "extracted")
    print(f"{len(pages)} dev pages, {len(extracted)} extracted texts")

    def show(label: str, got: dict[str, float]) -> None:
        sets = " ".join(f"{k} {v:.4f}" for k, v in sorted(got.items()) if ":" not in k)
        print(f"{label:44} {sets}")

    def objective(got: dict[str, float]) -> float:
        """Mean over the sets of their mean F1: each set counts the same."""
        sets = [k for k in got if ":" not in k and "/" not in k and k != "all"]
        return sum(got[k] for k in sets) / len(sets)

    def search(label: str, candidates: Sequence[dict], best: dict) -> dict:
        best_value = objective(tuner.bag(pages, best, "page"))
        for values in candidates:
            got = tuner.bag(pages, values, "page")
            show(f"page, {label} {_short(values)}", got)
            if objective(got) > best_value:
                best, best_value = values, objective(got)
        print(f"chosen: {_short(best)} (mean of the sets' page F1 {best_value:.4f})")
        return best

    best = {"sequence_leave": 0.0, "sequence_enter": 0.0, "sequence_keep": 1.0,
            "sequence_keep_reach": 0, "thread_story": 0.5}
    show("page, independent verdicts", tuner.bag(pages, best, "page"))
    best = search("decoding", [
        {**best, "sequence_leave": leave, "sequence_enter": enter, "sequence_keep": keep}
        for leave in LEAVE_GRID for enter in ENTER_GRID for keep in KEEP_GRID], best)
    best = search("thread", [{**best, "thread_story": q} for q in THREAD_GRID[1:]], best)
    best = search("keep", [{**best, "sequence_keep": k, "sequence_keep_reach": r}
                           for k in KEEP_GRID for r in REACH_GRID], best)
    # auto mode: the page model's threshold and the level above which a text is
    # scored as a whole page, the best auto F1 whose cost to extracted text
    # stays within AUTO_MAX_RECALL_LOSS on every set
    import dataclasses

    shipped = cleaner.page_model
    assert shipped is not None
    article = tuner.bag(extracted, best, "article")
    chosen, chosen_value = (shipped.threshold, 1.0), -1.0
    for threshold in PAGE_THRESHOLD_GRID:
        cleaner.page_model = dataclasses.replace(shipped, threshold=threshold)
        tuner = Tuner(cleaner)
        for level in AUTO_GRID:
            if level < threshold:
                continue
            values = {**best, "auto_page_probability": level}
            on_pages = tuner.bag(pages, values, "auto")
            on_extracted = tuner.bag(extracted, values, "auto")
            loss = max(article[f"{g}:recall"] - on_extracted[f"{g}:recall"]
                       for g in article if ":" not in g and g != "all")
            show(f"auto, page above {threshold}, full above {level} (loss {loss:.4f})", on_pages)
            if loss <= AUTO_MAX_RECALL_LOSS and objective(on_pages) > chosen_value:
                chosen, chosen_value = (threshold, level), objective(on_pages)
    cleaner.page_model = dataclasses.replace(shipped, threshold=chosen[0])
    tuner = Tuner(cleaner)
    best = {**best, "auto_page_probability": chosen[1]}
    show("page", tuner.bag(pages, best, "page"))
    show("auto", tuner.bag(pages, best, "auto"))
    best["page_threshold"] = chosen[0]
    print(f"chosen: {best}")
    return best


def fit_page_model_report(rows: list, c: float) -> dict:
    """Fit the page model on each half and report on the other; then on all."""
    for train, test in (("tune", "held"), ("held", "tune")):
        page_table = fit_page_model([r for r in rows if r[0] == train], c)
        report_detection(page_table, [r for r in rows if r[0] == test], f"fit on {train}, {test}:")
    page_table = fit_page_model(rows, c)
    report_detection(page_table, rows, "fitted on all (in-sample):")
    return page_table


def fit_page_only(cleaner, records: Sequence[dict], args) -> int:
    """The page model alone, over the shipped block model's probabilities (its
    threshold kept: ``--tune`` sets it)."""
    import tomllib

    rows = page_rows(cleaner, records) + body_page_rows(cleaner)
    page_table = fit_page_model_report(rows, args.page_c)
    if args.write:
        scoring = tomllib.loads(RULES.read_text(encoding="utf-8"))["scoring"]
        write(scoring["model"], page_table)
        print(f"page model written to {RULES}")
    return 0


def _short(values: dict) -> str:
    return " ".join(f"{k.split('_')[-1]} {v}" for k, v in values.items())


def write_settings(values: dict, path: Path = RULES) -> None:
    """Set ``name = value`` lines of the ``[scoring]`` table of rules/scoring.toml
    (``page_threshold``: the ``threshold`` of ``[scoring.page_model]``)."""
    text = path.read_text(encoding="utf-8")
    values = dict(values)
    if "page_threshold" in values:
        head, mark, rest = text.partition("\n[scoring.page_model]\n")
        rest = re.sub(r"^threshold = .*$", f"threshold = {values.pop('page_threshold')!r}",
                      rest, count=1, flags=re.MULTILINE)
        text = head + mark + rest
    for name, value in values.items():
        line = f"{name} = {value!r}"
        text, n = re.subn(rf"^{name} = .*$", line, text, count=1, flags=re.MULTILINE)
        if not n:
            raise SystemExit(f"{path} has no {name} line to set")
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-C", type=float, default=0.05, help="inverse L1 strength")
    parser.add_argument("--page-c", type=float, default=1.0,
                        help="inverse L1 strength of the page model")
    parser.add_argument("--write", action="store_true", help="fit on all pages, write the weights")
    parser.add_argument("--page-only", action="store_true",
                        help="keep the shipped block model; fit (and --write) the page model only")
    parser.add_argument("--tune", action="store_true",
                        help="tune sequence decoding and auto mode on the body sets' dev split")
    args = parser.parse_args(argv)
    if args.tune:
        values = tune(args)
        if args.write:
            write_settings(values)
            print(f"written to {RULES}")
        return 0
    if not CACHE.exists():
        print(f"no cache at {CACHE}: run `python -m bench.scoring_dev prepare` first",
              file=sys.stderr)
        return 1
    from cleaner import Cleaner

    records = pickle.loads(CACHE.read_bytes())
    if args.page_only:
        return fit_page_only(Cleaner(), records, args)
    cleaner = Cleaner()
    cleaner.block_model = None
    pages: dict[str, list[Page]] = {"tune": [], "held": []}
    for rec in records:
        page = page_data(cleaner, rec)
        if page is not None:
            pages[half_of(rec["id"])].append(page)
    halves = {h: [r for r in records if half_of(r["id"]) == h] for h in pages}
    both = [Counts(), Counts()]
    for train, test in (("tune", "held"), ("held", "tune")):
        table = fit(pages[train], args.C)
        before = evaluate(cleaner, halves[test], None)
        after = evaluate(cleaner, halves[test], table)
        both[0] += before
        both[1] += after
        print(
            f"fit on {train}, scored on {test}: {len(table['weights'])}"
            f" + {len(table['context']['weights'])} weights;"
            f" F1 {before.f1:.3f} -> {after.f1:.3f}"
            f" (P {before.precision:.3f} -> {after.precision:.3f},"
            f" R {before.recall:.3f} -> {after.recall:.3f})"
        )
    before, after = both
    print(
        f"both halves, each scored by the model fitted on the other: F1 {before.f1:.3f} ->"
        f" {after.f1:.3f} (P {before.precision:.3f} -> {after.precision:.3f},"
        f" R {before.recall:.3f} -> {after.recall:.3f})"
    )
    from cleaner.blockmodel import BlockModel

    if args.write:
        table = fit(pages["tune"] + pages["held"], args.C)
        total = evaluate(cleaner, records, table)
        print(f"block model fitted on all pages: F1 on all {total.f1:.3f} (in-sample)")
        cleaner.block_model = BlockModel.from_tables([("fitted", table)])
    else:
        cleaner.block_model = Cleaner().block_model  # the shipped one
    missing = [k for k in PAGE_SOURCES if k not in records[0]]
    if missing:
        print(f"the cache has no {', '.join(missing)}: run `python -m bench.scoring_dev"
              " prepare` again", file=sys.stderr)
        return 1
    rows = page_rows(cleaner, records) + body_page_rows(cleaner)
    for train, test in (("tune", "held"), ("held", "tune")):
        page_table = fit_page_model([r for r in rows if r[0] == train], args.page_c)
        report_detection(page_table, [r for r in rows if r[0] == test], f"fit on {train}, {test}:")
    page_table = fit_page_model(rows, args.page_c)
    report_detection(page_table, rows, "fitted on all (in-sample):")
    if args.write:
        write(table, page_table)
        print(f"written to {RULES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
