"""The block model of whole-page text: its features, its weights as data, its place in the pipeline."""

from __future__ import annotations

import math
import textwrap

import pytest
from conftest import read_fixture

from cleaner import Cleaner, RuleError, _core, blockmodel, scoring
from cleaner.blockmodel import CONTEXT_FEATURES, FEATURES, BlockModel, context_columns
from cleaner.blocks import Block
from cleaner.page import PageScorer
from cleaner.pipeline import SCORING_RULE

S = scoring.ScoringSettings()
PROSE = ("The council said on Tuesday that the new bridge would open to traffic in the spring "
         "of next year, after a delay of more than two years.")


def blocks_of(texts, *, removed=None, cut=None):
    """Blocks of ``texts``: ``removed[i]`` a rule removed block i (not as part of a
    cut), ``cut[i]`` a cut marker's tail holds it."""
    n = len(texts)
    removed, cut = removed or [False] * n, cut or [False] * n
    blocks = [Block(0, 0, t) for t in texts]
    for b, r, c in zip(blocks, removed, cut):
        b.rule = "some.rule" if r or c else None
        b.cut = c
    return blocks


def cols_of(texts, *, removed=None, cut=None, lang="en"):
    scorer = PageScorer(S, scoring.stoplist(lang))
    return scorer.columns(blocks_of(texts, removed=removed, cut=cut))


def one(text, name, **kw):
    return cols_of([text], **kw)[name][0]


# --- features ---------------------------------------------------------------


def test_the_core_computes_the_features_named_here():
    assert list(FEATURES) == list(_core.FEATURES)
    assert list(CONTEXT_FEATURES) == list(_core.CONTEXT_FEATURES)
    assert list(blockmodel.PAGE_FEATURES) == list(_core.PAGE_FEATURES)


def test_every_feature_has_a_column_of_every_block():
    texts = ["Home", PROSE, "Read more", PROSE]
    cols = cols_of(texts)
    assert list(cols) == list(FEATURES)
    assert all(len(v) == len(texts) for v in cols.values())
    assert all(math.isfinite(x) for v in cols.values() for x in v)


def test_columns_of_an_empty_page():
    cols = cols_of([])
    assert set(cols) == set(FEATURES) and all(v == [] for v in cols.values())


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("Foto: dpa", "credit", 1.0),
        ("© 2024 Example Media", "credit", 1.0),
        (PROSE, "credit", 0.0),
        ("The minister said the plan would …", "ellipsis", 1.0),
        ("The minister said the plan would...", "ellipsis", 1.0),
        (PROSE, "ellipsis", 0.0),
        ("Is this the end of cheap flights?", "question", 1.0),
        ("Follow us at www.example.com", "link", 1.0),
        ("Write to @newsdesk", "link", 1.0),
        (PROSE, "link", 0.0),
        ("• First item", "bullet", 1.0),
        ("- First item", "bullet", 1.0),
        ("12 ideas for the weekend", "digit_start", 1.0),
        ("Ingredients:", "colon_end", 1.0),
        ("Home News Sport", "capitals", 1.0),
        ("home news sport", "capitals", 0.0),
        ("BREAKING NEWS today", "upper_words", 2 / 3),
        ("2024-05-31", "digits", 0.8),
        ("One, two, three, four", "commas", 3 / 4),
        (PROSE, "sentence", 1.0),
        ("Short line.", "sentence", 0.0),
        ("Home", "menu_like", 1.0),
        (PROSE, "menu_like", 0.0),
        (PROSE, "terminal", 1.0),
        ("Home | News | Sport", "shape_menu", 1.0),
        ("3 hours ago", "shape_ago", 1.0),
        ("First. Second. Third.", "log_sentences", math.log1p(2)),
    ],
)
def test_own_features(text, name, value):
    assert one(text, name) == pytest.approx(value)


def test_lengths_and_hinges():
    text = "x" * 99
    assert one(text, "log_chars") == pytest.approx(math.log1p(99))
    assert one(text, "chars_over_90") == pytest.approx(math.log1p(99) - math.log1p(90))
    assert one(text, "chars_over_150") == 0.0
    assert one("a b c d e f g h", "words_over_6") == pytest.approx(math.log1p(8) - math.log1p(6))


def test_stopwords_count_only_with_a_stoplist():
    line = "the cat and the dog were in the house"
    assert one(line, "stopwords") > 0.5 and one(line, "has_stoplist") == 1.0
    assert one(line, "stopwords", lang=None) == 0.0 and one(line, "has_stoplist", lang=None) == 0.0
    assert one(line, "stopwords_over_40") == pytest.approx(one(line, "stopwords") - 0.4)


def test_chrome_words():
    line = "Subscribe to our newsletter and follow us on Facebook"
    assert one(line, "log_chrome") == pytest.approx(math.log1p(4))
    assert one(line, "chrome_share") == pytest.approx(4 / 9)


def test_repetition_counts_the_page():
    cols = cols_of(["Most read", PROSE, "Most read", "Most read"])
    assert cols["repeated"] == [1.0, 0.0, 1.0, 1.0]
    assert cols["log_count"][0] == pytest.approx(math.log(3)) and cols["log_count"][1] == 0.0


def test_neighbours_are_shifted_and_zero_past_the_edges():
    texts = ["Home", PROSE, "News", "Sport"]
    cols = cols_of(texts)
    assert cols["prev1_terminal"] == [0.0, 0.0, 1.0, 0.0]
    assert cols["next1_terminal"] == [1.0, 0.0, 0.0, 0.0]
    assert cols["prev2_menu_like"] == [0.0, 0.0, 1.0, 0.0]
    assert cols["next3_menu_like"] == [1.0, 0.0, 0.0, 0.0]


def test_position_and_prose_context():
    texts = ["Home", "News", PROSE, PROSE, "Share"]
    cols = cols_of(texts)
    assert cols["verdict"] == [0.0, 0.0, 1.0, 1.0, 0.0]  # the jusText classes'
    assert cols["position"] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert cols["log_prose_distance"] == [pytest.approx(math.log1p(d)) for d in (2, 1, 0, 0, 1)]
    assert cols["log_prose_run"] == [0.0, 0.0, math.log1p(2), math.log1p(2), 0.0]
    assert cols["prose_share_3"][0] == pytest.approx(2 / 4)
    assert cols["prose_before"] == [0.0, 0.0, 0.0, pytest.approx(1 / 3), pytest.approx(2 / 3)]
    assert cols["inside"] == [0.0, 0.0, 1.0, 1.0, 0.0]
    assert cols["verdict_share_2"][2] == pytest.approx(2 / 5)


def test_removed_blocks_are_not_prose_and_cut_blocks_are_marked():
    texts = [PROSE, PROSE, PROSE]
    cols = cols_of(texts, removed=[True, False, False], cut=[False, False, True])
    assert cols["removed"] == [1.0, 0.0, 0.0] and cols["cut"] == [0.0, 0.0, 1.0]
    assert cols["log_prose_run"][0] == 0.0
    assert cols["chars_before"][1] == 0.0  # the removed block's characters do not count


def test_context_columns_read_the_first_pass():
    p = [0.9, 0.2, 0.8, 0.6]
    ctx = context_columns(p, [0.0, 0.0, 1.0, 0.0])
    assert set(ctx) == set(CONTEXT_FEATURES)
    assert ctx["p"] == p
    assert ctx["prev1_p"] == [0.0, 0.9, 0.2, 0.0]  # the removed block counts 0
    assert ctx["next1_p"] == [0.2, 0.0, 0.6, 0.0]
    assert ctx["p_inside"] == [1.0, 1.0, 1.0, 1.0]
    assert ctx["p_share_3"][0] == pytest.approx((0.9 + 0.2 + 0.0 + 0.6) / 4)


# --- weights as data ----------------------------------------------------------


def test_probabilities_follow_the_weights():
    model = BlockModel(bias=-1.0, weights={"terminal": 3.0})
    cols = cols_of(["Home", PROSE])
    p = model.probabilities(cols)
    assert p == [1 / (1 + math.exp(1)), 1 / (1 + math.exp(-2))]


def test_context_pass_uses_the_first_pass():
    first_says_keep = BlockModel(bias=5.0, context=BlockModel(bias=-1.0, weights={"p": 2.0}))
    p = first_says_keep.probabilities(cols_of(["Home"]))
    assert p[0] == 1 / (1 + math.exp(-(-1.0 + 2.0 / (1 + math.exp(-5.0)))))


def test_shipped_model_loads_and_names_known_features():
    model = Cleaner().block_model
    assert model is not None and model.context is not None
    assert set(model.weights) <= set(FEATURES)
    assert set(model.context.weights) <= set(FEATURES) | set(CONTEXT_FEATURES)
    assert 0 < model.threshold < 1


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"weights": {"no_such_feature": 1.0}}, "unknown feature 'no_such_feature'"),
        ({"weights": {"p": 1.0}}, "unknown feature 'p'"),  # context features need a context pass
        ({"weights": {"terminal": "high"}}, "must be a number"),
        ({"weights": {"terminal": True}}, "must be a number"),
        ({"bias": float("nan")}, "must be finite"),
        ({"threshold": 1.5}, "threshold out of range"),
        ({"slope": 1.0}, "unknown key 'slope'"),
        ({"weights": [1.0]}, "expected a table"),
        ({"context": {"weights": {"bogus": 1.0}}}, "scoring.model.context.weights: unknown"),
        ({"context": {"threshold": 0.5}}, "unknown key 'threshold'"),
    ],
)
def test_bad_model_tables_name_file_and_problem(table, problem):
    with pytest.raises(RuleError) as err:
        BlockModel.from_tables([("mine.toml", table)])
    assert "mine.toml" in str(err.value) and problem in str(err.value)


def test_a_rule_file_replaces_the_model(tmp_path):
    rules = tmp_path / "model.toml"
    rules.write_text(textwrap.dedent("""\
        [scoring.model]
        bias = 1.0
        threshold = 0.4
        [scoring.model.weights]
        terminal = 2.0
        """), encoding="utf-8")
    c = Cleaner(rules=["default", str(rules)])
    assert c.block_model == BlockModel(1.0, {"terminal": 2.0}, 0.4)
    bad = tmp_path / "bad.toml"
    bad.write_text("[scoring.model.weights]\nbogus = 1.0\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad.toml"):
        Cleaner(rules=["default", str(bad)])


# --- in the pipeline ----------------------------------------------------------


def _with_model(tmp_path, bias: float, **config):
    rules = tmp_path / f"bias{bias}.toml"
    rules.write_text(f"[scoring.model]\nbias = {bias}\n", encoding="utf-8")
    return Cleaner(rules=["default", str(rules)], **config)


CUT_PAGE = "\n".join(
    ["Home", "News", "Sport"] * 4
    + [PROSE] * 3
    + ["Leave a Reply", "This is a comment of a reader on the story above, with words."]
    + ["Privacy", "Imprint"] * 3
)


def test_page_mode_scores_what_a_cut_marker_removed(tmp_path):
    keep_all = _with_model(tmp_path, 10.0)
    page = keep_all.clean(CUT_PAGE, mode="page")
    assert "This is a comment of a reader" in page.text  # the cut tail is back
    assert "Leave a Reply" not in page.text  # the marker itself stays removed
    article = keep_all.clean(CUT_PAGE, mode="article")
    assert "This is a comment of a reader" not in article.text
    trusts_cuts = Cleaner()
    trusts_cuts.block_model = BlockModel(bias=10.0, weights={"cut": -20.0})
    doc = trusts_cuts.clean(CUT_PAGE, mode="page")
    assert "This is a comment of a reader" not in doc.text and PROSE in doc.text


def test_guard_on_pages_allows_larger_removals(tmp_path):
    # One story paragraph among a long page of menus: 96% of the characters go.
    page = "\n".join([f"Menu item number {i}" for i in range(200)] + [PROSE])
    c = Cleaner()
    c.block_model = BlockModel(bias=-10.0, weights={"sentence": 20.0})
    doc = c.clean(page, mode="page")
    assert doc.text == PROSE and not doc.warnings
    strict = Cleaner(page_max_removed_share=0.9)
    strict.block_model = c.block_model
    doc = strict.clean(page, mode="page")
    assert doc.warnings and doc.warnings[0].startswith("guard:")
    assert "Menu item number 7" in doc.text and PROSE in doc.text


def test_a_model_that_keeps_nothing_keeps_the_page_whole(tmp_path):
    c = _with_model(tmp_path, -10.0)
    doc = c.clean(CUT_PAGE, mode="page")
    assert doc.warnings and doc.warnings[0].startswith("guard:")
    assert PROSE in doc.text and "Home" in doc.text


def test_shipped_model_on_the_page_fixture():
    doc = Cleaner().clean(read_fixture("page_news.txt"), mode="page")
    assert doc.text.startswith("The city council voted on Tuesday")
    assert "What happens next" in doc.text  # a subheading between story paragraphs
    assert "Opponents of the plan said" in doc.text
    for chrome in ("Technology", "Most read", "Storm closes schools in the north"):
        assert chrome not in doc.text.split("\n\n")
    assert SCORING_RULE in {r.rule for r in doc.removed}


def test_without_a_model_the_jusText_classes_decide(tmp_path):
    c = Cleaner()
    c.block_model = None
    doc = c.clean(read_fixture("page_news.txt"), mode="page")
    assert doc.text.startswith("The city council voted on Tuesday")
    assert blockmodel.BlockModel.from_tables([]) is None


# --- the page model (auto mode's page test) -----------------------------------


def test_page_features_of_a_text():
    texts = ["Home", "News", PROSE, PROSE]
    model = BlockModel(bias=-1.0, weights={"terminal": 3.0})  # p: 0.27 unfinished, 0.88 sentences
    scorer = PageScorer(S, scoring.stoplist("en"), model)
    blocks = blocks_of(texts, removed=[True, False, False, False])
    cols = scorer.page_features(blocks)
    assert list(cols) == list(blockmodel.PAGE_FEATURES)
    assert cols["menu_share"] == 0.5 and cols["log_menu_lines"] == math.log1p(2)
    assert cols["terminal_share"] == 0.5
    low, high = 1 / (1 + math.exp(1)), 1 / (1 + math.exp(-2))
    assert scorer.probabilities(blocks) == [low, low, high, high]
    assert cols["mean_p"] == (low + low + high + high) / 4
    total = sum(len(t) for t in texts)
    assert cols["removed_share"] == 4 / total
    assert cols["drop_share"] == 4 / total  # "News": left by the rules, p < 0.5
    assert cols["log_blocks"] == math.log1p(4)
    assert cols["mean_log_chars"] == sum(math.log1p(len(t)) for t in texts) / 4
    assert PageScorer(S, scoring.stoplist("en")).page_features(blocks) is None


def test_page_model_tables_are_checked():
    with pytest.raises(RuleError, match="unknown feature 'terminal'"):
        BlockModel.page_from_tables([("mine.toml", {"weights": {"terminal": 1.0}})])
    with pytest.raises(RuleError, match="unknown key 'context'"):
        BlockModel.page_from_tables([("mine.toml", {"context": {}})])
    model = BlockModel.page_from_tables([("a.toml", {"bias": 1.0, "weights": {"mean_p": -2.0}})])
    assert model == BlockModel(1.0, {"mean_p": -2.0})
    assert model.page_probability({"mean_p": 0.25}) == 1 / (1 + math.exp(-(1.0 - 2.0 * 0.25)))
    assert Cleaner().page_model is not None


@pytest.mark.parametrize(("bias", "scored"), [(10.0, True), (-10.0, False)])
def test_auto_mode_asks_the_page_model(bias, scored):
    c = Cleaner()
    c.page_model = BlockModel(bias=bias)
    doc = c.clean(read_fixture("page_news.txt"))
    assert (SCORING_RULE in {r.rule for r in doc.removed}) is scored
    short = f"Home\nNews\n{PROSE}"  # under page_min_blocks: never a page
    assert SCORING_RULE not in {r.rule for r in c.clean(short).removed}


def test_without_a_page_model_the_hand_set_test_decides():
    c = Cleaner()
    c.page_model = None
    doc = c.clean(read_fixture("page_news.txt"))
    assert SCORING_RULE in {r.rule for r in doc.removed}
    lines = [Block(0, 0, t) for t in read_fixture("page_news.txt").splitlines()]
    assert PageScorer(S, scoring.stoplist("en")).score(lines, "auto").page  # the hand-set test


def test_page_model_is_asked_only_about_texts_with_menu_lines(tmp_path):
    # 30 short sentences: no menu-like line, none long enough for auto_keep_words
    prose_only = "\n".join(f"This is sentence number {i} of the list." for i in range(30))
    c = Cleaner()
    c.page_model = BlockModel(bias=10.0)  # would take anything for a page
    assert SCORING_RULE not in {r.rule for r in c.clean(prose_only).removed}
    rules = tmp_path / "gate.toml"
    rules.write_text("[scoring]\npage_model_min_menu_lines = 0\n", encoding="utf-8")
    open_gate = Cleaner(rules=["default", str(rules)])
    open_gate.page_model = c.page_model
    open_gate.block_model = BlockModel(bias=-10.0, weights={"position": 30.0})  # keeps the end
    assert SCORING_RULE in {r.rule for r in open_gate.clean(prose_only).removed}
