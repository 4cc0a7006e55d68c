"""The Cleaner: rules compiled once, applied to many documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from . import blockmodel, engine, language, ruleset, scoring
from . import blocks as blocks_mod
from .assemble import assemble
from .blocks import Block
from .compile import CompiledRules
from .config import Config, Mode
from .document import Document
from .errors import InputError
from .metadata import MetadataBuilder, NewsSettings
from .typography import Typography, TypographySettings

RuleSpec = str | Iterable[str]
MODES = ("auto", "page", "article")
SCORING_RULE = scoring.SCORING_RULE


def domain_of(url: str | None) -> str | None:
    """``https://www.Example.com/a`` -> ``example.com``."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # "http://[::1": no domain can be read from it
        return None
    return host.lower().removeprefix("www.") or None


class Cleaner:
    """A configured cleaner: reusable, thread-safe for reading, picklable.

    >>> c = Cleaner(rules=["default"])
    >>> c.clean("Title of the story here\\n\\nFirst paragraph of the story, long "
    ...         "enough to be a body with words.\\nLeave a Reply").text
    'First paragraph of the story, long enough to be a body with words.'
    """

    def __init__(
        self,
        rules: RuleSpec | None = None,
        config: Config | None = None,
        **options: Any,
    ) -> None:
        if isinstance(rules, str):
            rules = [rules]
        self.rule_specs: tuple[str, ...] = tuple(str(r) for r in (rules or ["default"]))
        self.config = dataclasses.replace(config or Config(), **options)
        self.ruleset = ruleset.load(self.rule_specs)
        self._build()

    def _build(self) -> None:
        cfg = self.config
        rs = self.ruleset
        self.typography = Typography(cfg, TypographySettings.from_tables(rs.settings_for("typography")))
        self.news = NewsSettings.from_tables(rs.settings_for("news"))
        self._matchers: dict[tuple[int, ...], tuple] = {}
        self._scoring: dict[str | None, scoring.ScoringSettings] = {}
        tables = rs.settings_for("scoring")
        self.block_model = blockmodel.BlockModel.from_tables(
            [(source, table["model"]) for source, table in tables if "model" in table]
        )
        self.page_model = blockmodel.BlockModel.page_from_tables(
            [(source, table["page_model"]) for source, table in tables if "page_model" in table]
        )

    def _scoring_settings(self, lang: str | None) -> scoring.ScoringSettings:
        found = self._scoring.get(lang)
        if found is None:
            found = scoring.ScoringSettings.from_tables(self.ruleset.settings_for("scoring"), lang)
            self._scoring[lang] = found
        return found

    # Pickling sends the loaded rules (plain data), not compiled patterns, so a
    # worker process needs no access to the user's rule files.
    def __getstate__(self) -> dict[str, Any]:
        return {"rule_specs": self.rule_specs, "config": self.config, "ruleset": self.ruleset}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build()

    def _compiled(self, lang: str | None, domain: str | None) -> CompiledRules:
        """Rules that hold for this language and site, compiled once per combination."""
        active = tuple(
            i for i, r in enumerate(self.ruleset.rules) if r.applies_to(lang, domain)
        )
        found = self._matchers.get(active)
        if found is None:
            book = self.ruleset.compiled(self.config.regex_timeout)  # every rule, compiled once
            found = self._matchers[active] = book.tables(active)
        return found

    def clean(self, text: str, url: str | None = None, *, mode: Mode | None = None) -> Document:
        """Clean plain text: the body, its metadata and every removal."""
        if not isinstance(text, str):
            raise InputError(f"clean() takes str, not {type(text).__name__}; "
                             "decode bytes first or use clean_html() for HTML")
        mode = mode or self.config.mode
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
        return self._clean(text, url=url, mode=mode)

    def _clean(
        self,
        text: str,
        *,
        url: str | None,
        mode: Mode,
        seed: dict[str, Any] | None = None,
    ) -> Document:
        blocks, lang, meta = self._ruled_blocks(text, url=url, seed=seed)
        page = mode != "article" and bool(blocks) and self._score(blocks, lang, mode)
        _, _, _, replace = self._compiled(lang, domain_of(url))
        cuts = engine.run_replace(blocks, replace)
        meta.set("url", url)
        meta.set("language", lang)
        return assemble(text, blocks, cuts, meta, self.config, page=page)

    def _ruled_blocks(
        self, text: str, *, url: str | None, seed: dict[str, Any] | None = None
    ) -> tuple[list[Block], str | None, MetadataBuilder]:
        """Blocks after typography, metadata and chrome rules; the language; the metadata."""
        cfg = self.config
        spans = blocks_mod.split(text)
        raw = [text[s:e] for s, e in spans]
        lang = language.detect(raw) if cfg.detect_language else None
        plan = self.typography.plan(text, lang)
        blocks = []
        for (start, end), line in zip(spans, raw):
            fixed = self.typography.fix(line, plan)
            if fixed:
                blocks.append(Block(start, end, fixed))
        meta_rules, meta_table, chrome, _ = self._compiled(lang, domain_of(url))
        meta = MetadataBuilder()
        if seed:
            for key, value in seed.items():
                if key in ("authors", "tags"):
                    getattr(meta, key).extend(v for v in value if v)
                else:
                    meta.set(key, value)
        if cfg.extract_metadata:
            engine.run_metadata(
                blocks, meta_rules, meta_table, meta, self.news, min_words=cfg.cut_min_words
            )
        engine.run_chrome(blocks, chrome, min_words=cfg.cut_min_words)
        return blocks, lang, meta

    def _score(self, blocks: list[Block], lang: str | None, mode: Mode) -> bool:
        """Whole-page text: classify the blocks no rule decided (cleaner.scoring,
        cleaner.blockmodel). Returns whether the text was scored as a page.

        In auto mode the page test reads every block, those the rules removed
        too (menus and footers are what makes a page); scoring then only trims
        around the story and never removes prose.

        With a block model, blocks that a cut marker removed are scored too, the
        cut counting as evidence: in whole-page text a "Comments" or "Related"
        line may be a menu item above the story.
        """
        settings = self._scoring_settings(lang)
        texts = [b.text for b in blocks]
        by_model = self.page_model is not None and self.block_model is not None
        menu = None
        if mode == "auto":  # is it a whole page? the cheap tests first
            if len(texts) < settings.page_min_blocks:
                return False
            menu = [scoring.menu_like(t, settings) for t in texts]
            if by_model and sum(menu) < settings.page_model_min_menu_lines:
                return False
        feats = scoring.features(texts, lang, settings)
        if menu is not None and not by_model and not scoring.looks_like_page(
            texts, settings, feats, menu
        ):
            return False
        probs = self._probabilities(blocks, texts, feats, lang, settings)
        if menu is not None and by_model and not self._page_model_says_page(
            blocks, feats, settings, probs, menu
        ):
            return False
        keep = self._verdicts(blocks, texts, feats, lang, settings, probs)
        for block, k in zip(blocks, keep):
            if k and block.cut:
                block.rule = None  # back in the body; .cut stays True (see assemble)
        # Auto mode only trims around the story: what scoring would remove between
        # its first and last kept blocks stays (list items, table cells, short
        # paragraphs of an extracted article it took for a page).
        first = last = -1
        if mode == "auto":
            kept = [i for i, (b, k) in enumerate(zip(blocks, keep)) if k and b.rule is None]
            if kept:
                first, last = kept[0], kept[-1]
        for i, (block, k, f) in enumerate(zip(blocks, keep, feats)):
            if k or block.rule is not None:
                continue
            if mode == "auto" and f.words >= settings.auto_keep_words and f.terminal:
                continue
            if first < i < last:
                continue
            block.rule = SCORING_RULE
        return True

    def _block_columns(
        self,
        blocks: list[Block],
        texts: list[str],
        feats: list[scoring.BlockFeatures],
        lang: str | None,
        settings: scoring.ScoringSettings,
    ) -> dict[str, list[float]]:
        """The block model's feature columns (cleaner.blockmodel.columns)."""
        decided = [None if b.rule is None else False for b in blocks]
        return blockmodel.columns(
            texts,
            feats,
            has_stoplist=bool(scoring.stoplist(lang)),
            removed=[b.rule is not None and not b.cut for b in blocks],
            cut=[b.cut for b in blocks],
            verdicts=scoring.classify(texts, lang, settings, decided, feats),
        )

    def _probabilities(
        self,
        blocks: list[Block],
        texts: list[str],
        feats: list[scoring.BlockFeatures],
        lang: str | None,
        settings: scoring.ScoringSettings,
    ) -> list[float] | None:
        """The block model's story probability of each block; None without a model."""
        if self.block_model is None:
            return None
        cols = self._block_columns(blocks, texts, feats, lang, settings)
        return self.block_model.probabilities(cols, len(blocks))

    def _page_columns(
        self,
        blocks: list[Block],
        feats: list[scoring.BlockFeatures],
        settings: scoring.ScoringSettings,
        probs: list[float],
        menu: list[bool],
    ) -> dict[str, list[float]]:
        """The page model's features of a text (cleaner.blockmodel.page_features)."""
        assert self.block_model is not None
        return blockmodel.page_features(
            feats,
            menu,
            scoring.long_runs(menu, settings.page_menu_run),
            [b.rule is not None for b in blocks],
            probs,
            self.block_model.threshold,
        )

    def _page_model_says_page(
        self,
        blocks: list[Block],
        feats: list[scoring.BlockFeatures],
        settings: scoring.ScoringSettings,
        probs: list[float] | None,
        menu: list[bool],
    ) -> bool:
        assert self.page_model is not None and probs is not None
        cols = self._page_columns(blocks, feats, settings, probs, menu)
        return self.page_model.probabilities(cols, 1)[0] >= self.page_model.threshold

    def _verdicts(
        self,
        blocks: list[Block],
        texts: list[str],
        feats: list[scoring.BlockFeatures],
        lang: str | None,
        settings: scoring.ScoringSettings,
        probs: list[float] | None = None,
    ) -> list[bool]:
        """Keep (True) or drop each block: the block model's probabilities against
        its threshold, or the jusText classes without a model."""
        if probs is None or self.block_model is None:
            decided = [None if b.rule is None else False for b in blocks]
            return scoring.classify(texts, lang, settings, decided, feats)
        threshold = self.block_model.threshold
        return [p >= threshold and (b.rule is None or b.cut) for p, b in zip(probs, blocks)]

    def clean_html(self, html: str | bytes, url: str | None = None) -> Document:
        """Extract the main text of an HTML page with trafilatura, then clean it.

        ``html`` is str or bytes (decoded by its byte-order mark or declared
        charset, else detected). CSS selectors of ``remove-element`` rules prune
        the page first. Page metadata wins over text metadata where both exist.
        """
        from . import html as html_mod

        page = html_mod.decode(html)
        domain = domain_of(url)  # the language is not known before extraction
        selectors = [
            s for r in self.ruleset.rules
            if r.action == "remove-element" and r.applies_to(None, domain)
            for s in r.selectors
        ]
        text, meta = html_mod.extract(page, url, selectors)
        return self._clean(text, url=meta.get("url") or url, mode="article", seed=meta)

    def clean_many(self, texts: Iterable[str], *, jobs: int = 1) -> Iterable[Document]:
        """Clean many texts, in order; ``jobs`` > 1 uses that many processes."""
        if jobs <= 1:
            for text in texts:
                yield self.clean(text)
            return
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(
            jobs, initializer=_init_worker, initargs=(self,)
        ) as pool:
            yield from pool.imap(_clean_in_worker, texts, chunksize=8)

    def __repr__(self) -> str:
        return f"Cleaner(rules={list(self.rule_specs)!r}, {len(self.ruleset.rules)} rules)"


_WORKER: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    global _WORKER
    _WORKER = cleaner


def _clean_in_worker(text: str) -> Document:
    assert _WORKER is not None
    return _WORKER.clean(text)

