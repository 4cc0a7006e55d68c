"""A datatrove pipeline step that cleans each document's text.

>>> from datatrove.executor import LocalPipelineExecutor  # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader  # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter  # doctest: +SKIP
>>> from cleaner.integrations.datatrove import ArticleCleaner  # doctest: +SKIP
>>> LocalPipelineExecutor(  # doctest: +SKIP
...     pipeline=[JsonlReader("in/"), ArticleCleaner(mode="page"), JsonlWriter("out/")],
...     tasks=4,
... ).run()

Each document's ``text`` is replaced by the cleaned body, and what cleaning found
goes under one key, ``doc.metadata["article_cleaner"]``: a dict with the fields of
:class:`~cleaner.Metadata` (title, authors, date, ..., fingerprint) plus
``warnings`` (list of strings), ``removed_chars`` (characters removed) and, when
``keep_removed=True``, ``removed`` (list of ``{rule, text, start, end}``). One key
keeps the document's own metadata (url, dump, ...) untouched; JsonlWriter's
``expand_metadata=True`` flattens it for columnar output if wanted.

Documents whose cleaned text is empty are dropped (stat ``dropped_empty``), and so
are those that fail to clean (stat ``clean_error``, logged once), as datatrove's
extractors do. Needs ``pip install 'article-cleaner[datatrove]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

try:
    from datatrove.data import Document as DatatroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: "
        f"pip install 'article-cleaner[datatrove]' ({exc})"
    ) from exc

if TYPE_CHECKING:
    from ..config import Config, Mode
    from ..document import Document
    from ..pipeline import Cleaner

__all__ = ["METADATA_KEY", "ArticleCleaner"]

METADATA_KEY = "article_cleaner"
"""The key of ``doc.metadata`` under which the step stores what it found."""


class ArticleCleaner(PipelineStep):
    """Replace each document's text by its cleaned body; keep metadata and counts.

    Args:
        rules: rule set names or rule file paths (default: the shipped sets).
        html: the documents' text is HTML: clean it with ``clean_html``.
        keep_removed: also store every removal (can be large).
        url_key: the metadata key holding the document's URL, used by site rules.
        mode: ``"auto"``, ``"article"`` or ``"page"`` (whole-page text, such as
            WET records); default ``config.mode``. HTML is always cleaned as an
            article after extraction.
        config: a :class:`~cleaner.Config` for the Cleaner (default ``Config()``).
    """

    name = "📰 article-cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        rules: str | Sequence[str] | None = None,
        html: bool = False,
        keep_removed: bool = False,
        url_key: str = "url",
        mode: Mode | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.rules = [rules] if isinstance(rules, str) else (list(rules) if rules else None)
        self.html = html
        self.keep_removed = keep_removed
        self.url_key = url_key
        self.mode = mode
        self.config = config
        self._cleaner: Cleaner | None = None
        self._check_mode()

    def _check_mode(self) -> None:
        """An unknown mode fails when the step is built, not on the first document."""
        from ..config import MODES
        from ..errors import InputError

        if self.mode is not None and self.mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(map(repr, MODES))}, not {self.mode!r}")

    @property
    def cleaner(self) -> Cleaner:
        """The Cleaner, built on first use in the process that runs the step."""
        if self._cleaner is None:
            from ..pipeline import Cleaner

            self._cleaner = Cleaner(rules=self.rules, config=self.config)
        return self._cleaner

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cleaner"] = None  # each worker builds its own
        return state

    def _clean(self, doc: DatatroveDocument) -> Document:
        """The cleaning of one datatrove document."""
        url = doc.metadata.get(self.url_key)
        url = url if isinstance(url, str) else None
        if self.html:
            return self.cleaner.clean_html(doc.text, url=url)
        return self.cleaner.clean(doc.text, url=url, mode=self.mode)

    def _found(self, cleaned: Document, removed_chars: int) -> dict[str, Any]:
        """What goes under ``doc.metadata[METADATA_KEY]``."""
        found = asdict(cleaned.metadata)
        found["warnings"] = list(cleaned.warnings)
        found["removed_chars"] = removed_chars
        if self.keep_removed:
            found["removed"] = [asdict(removal) for removal in cleaned.removed]
        return found

    def _count(self, cleaned: Document, removed_chars: int) -> None:
        """Update the step's stats for one cleaned document."""
        self.stat_update("removed_chars", value=removed_chars)
        if cleaned.warnings:
            self.stat_update("with_warnings")
            if any("guard" in warning.lower() for warning in cleaned.warnings):
                self.stat_update("guard")

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean every document of ``data``; yield those with a non-empty body."""
        warned = False
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    cleaned = self._clean(doc)
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
                    self.stat_update("clean_error")
                    if not warned:
                        from datatrove.utils.logging import logger

                        logger.warning(
                            f"article-cleaner: {type(exc).__name__}: {exc} (doc {doc.id})"
                        )
                        warned = True
                    continue
            removed_chars = sum(len(removal.text) for removal in cleaned.removed)
            self._count(cleaned, removed_chars)
            if not cleaned.text.strip():
                self.stat_update("dropped_empty")
                continue
            doc.text = cleaned.text
            doc.metadata[METADATA_KEY] = self._found(cleaned, removed_chars)
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
