"""The Cleaner: rules compiled once, applied to many documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from . import blockmodel, engine, scoring
from .assemble import assemble
from .blocks import Block
from .budget import Deadline, deadline
from .config import MODES, Config, Mode
from .dates import date_from_url
from .document import Document
from .errors import InputError, InputTypeError
from .metadata import MetadataBuilder, NewsSettings
from .page import Decision, PageScorer
from .rules import RuleSet
from .rules import load as load_rules
from .rules.compile import CompiledRules
from .typography import Typography, TypographySettings

RuleSpec = str | Iterable[str]
SCORING_RULE = scoring.SCORING_RULE


_PLACES = 10_000
"""(language, domain) pairs whose rule combination is remembered: a crawl of
millions of domains must not grow the cache without bound."""
_TURNS = 3
"""Turns of the chrome and metadata rules after the first metadata run, at most:
each turn runs only when the one before removed something, and the bound keeps
time linear when removals keep pulling blocks into a window."""


class _Settings(NamedTuple):
    """The settings tables of a rule set, checked (:meth:`Cleaner.check_settings`)."""

    typography: TypographySettings
    news: NewsSettings
    block_model: blockmodel.BlockModel | None
    page_model: blockmodel.BlockModel | None


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
        self.ruleset = load_rules(self.rule_specs)
        self._build()

    @staticmethod
    def check_settings(rs: RuleSet) -> _Settings:
        """Every settings table of the rule files, checked and read: ``[typography]``,
        ``[news]``, ``[scoring]`` (per-language overrides included) and the models.
        A :class:`RuleError` names the file, the table and the key."""
        tables = rs.settings_for("scoring")
        scoring.ScoringSettings.from_tables(tables)  # every table checked now, not on first use
        return _Settings(
            TypographySettings.from_tables(rs.settings_for("typography")),
            NewsSettings.from_tables(rs.settings_for("news")),
            blockmodel.BlockModel.from_tables(
                [(source, table["model"]) for source, table in tables if "model" in table]
            ),
            blockmodel.BlockModel.page_from_tables(
                [(source, table["page_model"]) for source, table in tables if "page_model" in table]
            ),
        )

    def _build(self) -> None:
        settings = self.check_settings(self.ruleset)
        self.typography = Typography(self.config, settings.typography)
        self.news = settings.news
        self._matchers: dict[tuple[int, ...], CompiledRules] = {}
        self._by_place: dict[tuple[str | None, str | None], CompiledRules] = {}
        self._page_scorers: dict[str | None, PageScorer] = {}
        self.block_model = settings.block_model
        self.page_model = settings.page_model

    def prepare(self) -> None:
        """Build now what documents would otherwise build on first use: the rule
        patterns' programs, the rule tables and page scorers of every language
        the rules name (and of any other), the page-scoring patterns, ftfy
        (imported on the first line that needs it otherwise) and, when languages are detected,
        the language model. Worker processes forked after it (see
        :mod:`cleaner.batch.pool`) share these instead of each building a copy.
        Results do not change."""
        if self.config.detect_language:
            from .language import load_model

            load_model()
        if self.config.fix_mojibake:
            from .typography import fix_text

            fix_text()
        self.ruleset.compiled(self.config.regex_timeout).build()
        named = sorted({lang for rule in self.ruleset.rules for lang in rule.languages})
        for lang in [None, *named]:
            self._compiled(lang, None)
            self._page_scorer(lang)  # its stoplist read once, not in each worker
        from . import story

        story.prepare()  # its patterns, for whole pages

    def _page_scorer(self, lang: str | None) -> PageScorer:
        """The page-scoring stage for a language (its settings and stoplist), built
        once; built again when ``block_model`` or ``page_model`` was replaced."""
        found = self._page_scorers.get(lang)
        if (
            found is None
            or found.block_model is not self.block_model
            or found.page_model is not self.page_model
        ):
            found = PageScorer.for_language(
                self.ruleset.settings_for("scoring"), lang, self.block_model, self.page_model,
                frozenset(r.id for r in self.ruleset.rules if r.inline),
            )
            self._page_scorers[lang] = found
        return found

    # Pickling sends the loaded rules (plain data), not compiled patterns, so a
    # worker process needs no access to the user's rule files.
    def __getstate__(self) -> dict[str, Any]:
        return {"rule_specs": self.rule_specs, "config": self.config, "ruleset": self.ruleset}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build()

    def _compiled(self, lang: str | None, domain: str | None) -> CompiledRules:
        """Rules that hold for this language and site, compiled once per combination
        (and looked up once per language and domain: sites share combinations)."""
        found = self._by_place.get((lang, domain))
        if found is not None:
            return found
        active = tuple(
            i for i, r in enumerate(self.ruleset.rules) if r.applies_to(lang, domain)
        )
        found = self._matchers.get(active)
        if found is None:
            book = self.ruleset.compiled(self.config.regex_timeout)  # every rule, compiled once
            found = self._matchers[active] = book.tables(active)
        if len(self._by_place) < _PLACES:
            self._by_place[(lang, domain)] = found
        return found

    def clean(self, text: str, url: str | None = None, *, mode: Mode | None = None) -> Document:
        """Clean plain text: the body, its metadata and every removal."""
        if not isinstance(text, str):
            raise InputTypeError(f"clean() takes str, not {type(text).__name__}; "
                             "decode bytes first or use clean_html() for HTML")
        mode = mode or self.config.mode
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
        if self.config.time_budget is None:
            return self._clean(text, url=url, mode=mode)
        with deadline(self.config.time_budget) as limit:
            return self._clean(text, url=url, mode=mode, limit=limit)

    def _clean(
        self,
        text: str,
        *,
        url: str | None,
        mode: Mode,
        seed: dict[str, Any] | None = None,
        limit: Deadline | None = None,
    ) -> Document:
        blocks, lang, meta = self._ruled_blocks(text, url=url, seed=seed)
        if limit:
            limit.check("after the rules")
        page = mode != "article" and bool(blocks) and self._score(blocks, lang, mode)
        if page and self.config.extract_metadata:  # the headline, byline and date above the story
            from . import story  # imported on first use: its patterns serve whole pages only

            meta_rules, meta_table, _, _ = self._compiled(lang, domain_of(url))
            story.read(blocks, meta_rules, meta_table, meta, self.news,
                       min_words=self.config.cut_min_words, url=url)
        if limit:
            limit.check("after page scoring")
        _, _, _, replace = self._compiled(lang, domain_of(url))
        cuts = engine.run_replace(blocks, replace)
        meta.set("url", url)
        meta.set("date", date_from_url(url))  # when the text gave none
        meta.set("language", lang)
        doc = assemble(text, blocks, cuts, meta, self.config, page=page)
        if limit:
            limit.check("at the end")
        return doc

    def _ruled_blocks(
        self, text: str, *, url: str | None, seed: dict[str, Any] | None = None
    ) -> tuple[list[Block], str | None, MetadataBuilder]:
        """Blocks after typography, metadata and chrome rules; the language; the metadata."""
        cfg = self.config
        # Split, language (when cfg.detect_language) and typography: one call to the core.
        blocks, lang = self.typography.blocks(text)
        _, meta_table, chrome, _ = self._compiled(lang, domain_of(url))
        meta = MetadataBuilder()
        if seed:
            for key, value in seed.items():
                if key in ("authors", "tags"):
                    getattr(meta, key).extend(v for v in value if v)
                else:
                    meta.set(key, value)
        # Metadata and chrome rules take turns until neither removes anything: a
        # chrome removal moves the blocks above it into the metadata rules' tail
        # window (a credit line above teasers that a chrome cut takes), where a
        # second cleaning would find them. Each metadata rule fires once in all;
        # chrome cuts are weighed once, on the first turn. Head rules run on the
        # first turn only: on whole-page text the head left after chrome drops
        # menu lines is more menu, not a byline or tags.
        state = engine.meta_state(blocks, meta_table) if cfg.extract_metadata else None

        def metadata(tail_only: bool) -> bool:
            return state is not None and engine.run_metadata(
                blocks, meta_table, meta, self.news, min_words=cfg.cut_min_words,
                state=state, tail_only=tail_only,
            )

        metadata(tail_only=False)
        for turn in range(_TURNS):
            if not engine.run_chrome(blocks, chrome, min_words=cfg.cut_min_words, cuts=turn == 0):
                break
            if not metadata(tail_only=True):
                break
        return blocks, lang, meta

    def _score(self, blocks: list[Block], lang: str | None, mode: Mode) -> bool:
        """Whole-page text: classify the blocks no rule decided (cleaner.page).
        Returns whether the text was scored as a page."""
        verdict = self._page_scorer(lang).score(blocks, mode)
        for block, decision in zip(blocks, verdict.decisions):
            if decision == Decision.REMOVED:
                block.rule = SCORING_RULE
            elif decision == Decision.RESTORED:
                block.rule = None  # back in the body; .cut stays True (see assemble)
        return verdict.page

    def clean_html(self, html: str | bytes, url: str | None = None) -> Document:
        """Extract the main text of an HTML page with trafilatura, then clean it.

        ``html`` is str or bytes (decoded by its byte-order mark or declared
        charset, else detected). CSS selectors of ``remove-element`` rules prune
        the page first. Page metadata wins over text metadata where both exist.
        """
        from . import html as html_mod

        with deadline(self.config.time_budget) as limit:
            page = html_mod.decode(html)
            domain = domain_of(url)  # the language is not known before extraction
            selectors = [
                s for r in self.ruleset.rules
                if r.action == "remove-element" and r.applies_to(None, domain)
                for s in r.selectors
            ]
            text, meta = html_mod.extract(page, url, selectors)
            if limit:
                limit.check("after the HTML extraction")
            return self._clean(
                text, url=meta.get("url") or url, mode="article", seed=meta, limit=limit
            )

    def clean_many(self, texts: Iterable[str], *, jobs: int = 1) -> Iterator[Document]:
        """Clean many texts, in order; ``jobs`` > 1 uses that many processes
        (the package's worker pool, :mod:`cleaner.batch.pool`)."""
        from .batch.pool import ordered_map
        from .batch.run import preload

        return ordered_map(
            _clean_in_worker, texts, self, jobs=jobs, chunksize=8, preload=lambda: preload(self)
        )

    def __repr__(self) -> str:
        return f"Cleaner(rules={list(self.rule_specs)!r}, {len(self.ruleset.rules)} rules)"


def _clean_in_worker(cleaner: Cleaner, text: str) -> Document:
    """The pool's task of :meth:`Cleaner.clean_many`: one text."""
    return cleaner.clean(text)
