"""Apply rules to blocks: detection here, removal recorded on the blocks.

Metadata rules (``extract``, ``title``) read the head and tail in file order.
Chrome rules (``drop``, ``cut-*``) run in one pass over the blocks. Phrase
rules that match a whole block are one dictionary lookup. A pattern rule runs
only on documents, then blocks, that hold one of its literals
(``cleaner.prefilter``): most rules never match most documents, and a
substring test costs far less than a search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from . import prefilter
from .blocks import Block
from .errors import RuleTimeoutError
from .metadata import MetadataBuilder, NewsSettings, looks_like_title, normalise_key
from .ruleset import Rule

_EDGES = regex.compile(r"^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]*(?:\(\d+\)[\p{P}\p{S}\s]*)?$")
_SPACES = regex.compile(r"\s+")


def phrase_key(text: str, case_sensitive: bool) -> str:
    """How a block is looked up among whole-block phrases."""
    if text[:1].isalnum() and text[-1:].isalnum():  # no edges to strip: the common case
        key = " ".join(text.split())
    else:
        key = _SPACES.sub(" ", _EDGES.sub("", text))
    return key if case_sensitive else key.casefold()


def _timeout(rule_id: str, seconds: float | None) -> RuleTimeoutError:
    return RuleTimeoutError(f"rule {rule_id!r} ran past its time limit ({seconds} s) on a block")


class CompiledRule:
    """A rule with its compiled pattern and its literal prefilter."""

    __slots__ = ("_run", "factors", "pattern", "rule")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.pattern = None if rule.action == "title" else rule.compile()
        self.factors = None if self.pattern is None else prefilter.factors(rule.regex_source)
        self._run = None
        if self.pattern is not None:  # the match method of the rule's kind (see run_pattern)
            self._run = {"block": self.pattern.fullmatch, "prefix": self.pattern.match}.get(
                rule.match, self.pattern.search
            )

    def search(self, text: str, timeout: float | None) -> regex.Match[str] | None:
        """Match ``text`` as the rule's ``match`` says, within the time limit."""
        try:
            return self._run(text, timeout=timeout)
        except TimeoutError:
            raise _timeout(self.rule.id, timeout) from None


class ChromeMatcher:
    """Finds, for a block, the first rule (in load order) that matches it."""

    def __init__(self, rules: Sequence[Rule], timeout: float | None) -> None:
        self.rules = list(rules)
        self.timeout = timeout
        self._exact: dict[str, list[int]] = {}
        self._folded: dict[str, list[int]] = {}
        self._longest = 0
        self._compiled: dict[int, CompiledRule] = {}
        for i, rule in enumerate(self.rules):
            if rule.pattern is None and rule.match == "block":
                table = self._exact if rule.case_sensitive else self._folded
                for phrase in rule.phrases:
                    hits = table.setdefault(phrase_key(phrase, rule.case_sensitive), [])
                    if i not in hits:
                        hits.append(i)
                    self._longest = max(self._longest, len(phrase))
            else:
                self._compiled[i] = CompiledRule(rule)
        # Block and prefix patterns without a literal: gated by the first letter
        # or digit a match can start with (prefilter.first_characters).
        self._by_first: dict[str, list[int]] = {}
        literal = {}
        for i, compiled in self._compiled.items():
            rule = compiled.rule
            firsts = None
            if compiled.factors is None and rule.pattern is not None and rule.match != "contains":
                firsts = prefilter.first_characters(rule.pattern)
            if firsts is None:
                literal[i] = compiled
            else:
                for char in firsts:
                    self._by_first.setdefault(char, []).append(i)
        self._order = list(literal)
        self._index = prefilter.LiteralIndex([c.factors for c in literal.values()])

    def candidates(self, texts: Sequence[str]) -> list[list[int]]:
        """For each text, the pattern rules (in load order) that can match it.

        One pass over the texts finds the literals of all rules at once; rules
        without literals are picked by the text's first letter or digit.
        """
        order = self._order
        found = [[order[k] for k in ks] for ks in self._index.holders(texts)]
        if self._by_first:
            for ks, text in zip(found, texts):
                gated = self._by_first.get(prefilter.first_alnum(text))
                if gated:
                    ks += gated
                    ks.sort()
        return found

    def first(
        self, text: str, ok: Callable[[Rule], bool], candidates: Sequence[int] = ()
    ) -> Rule | None:
        """The first rule that matches ``text`` and passes ``ok`` (position, length).

        ``candidates`` are the pattern rules that ``candidates()`` found for the text.
        """
        found = list(candidates)
        if self._longest and len(text) <= self._longest + 12:
            key = phrase_key(text, True)
            phrases = [*self._exact.get(key, ()), *self._folded.get(key.casefold(), ())]
            if phrases:
                found = sorted(set(found + phrases))
        for i in found:
            rule = self.rules[i]
            if not ok(rule):
                continue
            compiled = self._compiled.get(i)  # None: a phrase rule the lookup found
            if compiled is None or compiled.search(text, self.timeout) is not None:
                return rule
        return None


def _in_window(rule: Rule, i: int, n: int) -> bool:
    if rule.where == "head":
        return i < (rule.within or 0)
    if rule.where == "tail":
        return i >= n - (rule.within or 0)
    return True


def _live(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.rule is None]


def _words(blocks: Sequence[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _prose_words(blocks: Sequence[Block]) -> int:
    """Words in blocks that read as story paragraphs (long, ending a sentence)."""
    total = 0
    for b in blocks:
        n = len(b.text.split())
        if n >= 25 and b.text[-1] in ".!?\"”’»)":
            total += n
    return total


# Story prose after a cut marker up to this many words never blocks the cut: a
# closing paragraph or a long comment may follow a short story's marker.
_PROSE_AFTER_ALLOWED = 100

Sums = tuple[list[int], list[int], list[int]]


def _sums(live: list[Block]) -> Sums:
    """Words in ``live[:i]``, story-prose words in ``live[:i]`` and in ``live[i:]``,
    for every ``i``. Summed once per document, so that many markers in a long text
    cost linear time."""
    n = len(live)
    words = [0] * (n + 1)
    prose_before = [0] * (n + 1)
    prose_after = [0] * (n + 1)
    prose = [_prose_words(live[i : i + 1]) for i in range(n)]
    for i, b in enumerate(live):
        words[i + 1] = words[i] + len(b.text.split())
        prose_before[i + 1] = prose_before[i] + prose[i]
    for i in range(n - 1, -1, -1):
        prose_after[i] = prose_after[i + 1] + prose[i]
    return words, prose_before, prose_after


def _cut_to_end(
    live: list[Block], i: int, rule_id: str, min_words: int, sums: Sums | None = None
) -> bool:
    """Cut from ``live[i]`` to the end, unless the marker stands in the story's first
    half: fewer than ``min_words`` before it, or more story prose after it than
    before it (prose counted the same way on both sides, menus not at all)."""
    words, before, after = sums or _sums(live)
    if words[i] < min_words:
        return False
    if after[i + 1] > _PROSE_AFTER_ALLOWED and after[i + 1] > before[i]:
        return False
    for b in live[i:]:
        b.rule = rule_id
        b.cut = b is not live[i]
    return True


def run_metadata(
    blocks: list[Block],
    rules: Sequence[CompiledRule],
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    timeout: float | None,
    min_words: int,
    index: prefilter.LiteralIndex | None = None,
) -> None:
    """Extract metadata from the head and tail; each rule fires at most once.

    Positions count the blocks still in the body, so the rules are applied
    until nothing changes: a byline found by a later file's rule lets an
    earlier dateline rule see the first paragraph. ``index`` holds the rules'
    factors (built once per rule combination); without it, all rules run.
    """
    if index is None:
        index = prefilter.LiteralIndex([c.factors for c in rules])
    # For each rule, the blocks that hold one of its literals, in order.
    candidates: dict[int, list[Block]] = {}
    for block, ks in zip(blocks, index.holders([b.text for b in blocks])):
        for k in ks:
            candidates.setdefault(k, []).append(block)
    fired = {k for k, c in enumerate(rules) if c.pattern is not None and k not in candidates}
    live = _live(blocks)
    position = {id(b): i for i, b in enumerate(live)}
    for _ in range(3):
        changed = False
        for k, compiled in enumerate(rules):
            if k in fired:
                continue
            rule = compiled.rule
            n = len(live)
            window = range(n)
            if rule.where == "head":
                window = range(min(n, rule.within or n))
            elif rule.where == "tail":
                window = range(max(0, n - (rule.within or n)), n)
            if rule.action == "title":
                hit = any(_title(live, i, rule, meta, min_words) for i in window)
            else:
                hit = False
                for block in candidates[k]:
                    i = position.get(id(block))
                    if i is not None and i in window and _extract(
                        live, i, compiled, meta, news, timeout, min_words
                    ):
                        hit = True
                        break
            if hit:
                fired.add(k)
                changed = True
                live = _live(blocks)
                position = {id(b): i for i, b in enumerate(live)}
        if not changed:
            return


def _title(live: list[Block], i: int, rule: Rule, meta: MetadataBuilder, min_words: int) -> bool:
    block = live[i]
    known = meta.values.get("title")
    if known:  # the page gave the title: drop it where the text repeats it
        if normalise_key(block.text) != normalise_key(known):
            return False
    elif not looks_like_title(block.text, rule.max_words or 30):
        return False
    if _words(live[i + 1 :]) < min_words:
        return False
    meta.set("title", block.text)
    block.rule = rule.id
    key = normalise_key(block.text)
    for other in live[i + 1 : i + 1 + rule.repeat_within]:
        if normalise_key(other.text) == key:
            other.rule = rule.id
    return True


def _extract(live, i, compiled: CompiledRule, meta, news, timeout, min_words) -> bool:
    block = live[i]
    rule = compiled.rule
    m = compiled.search(block.text, timeout)
    if m is None or not rule.length_ok(block.text):
        return False
    if rule.then == "cut-to-end" and _words(live[:i]) < min_words:
        return False
    if not meta.add(m.groupdict(), news):
        return False
    if not rule.keep:
        block.rule = rule.id
    if rule.then == "cut-to-end":
        _cut_to_end(live, i, rule.id, 0)
    return True


def run_chrome(blocks: list[Block], matcher: ChromeMatcher, *, min_words: int) -> None:
    """Decide each block still in the body with the first chrome rule that matches it."""
    live = _live(blocks)
    n = len(live)
    candidates = matcher.candidates([b.text for b in live])
    sums = None  # word counts, summed at the first marker (block texts do not change here)
    cut = 0  # blocks before this one were all removed by an earlier cut-from-start
    for i, block in enumerate(live):
        if block.rule is not None:
            continue
        text = block.text
        rule = matcher.first(
            text, lambda r: _in_window(r, i, n) and r.length_ok(text), candidates[i]  # noqa: B023
        )
        if rule is None:
            continue
        if rule.action == "drop":
            block.rule = rule.id
            continue
        sums = sums or _sums(live)
        if rule.action == "cut-to-end":
            if _cut_to_end(live, i, rule.id, min_words, sums):
                return
        elif rule.action == "cut-from-start" and sums[0][n] - sums[0][i + 1] >= min_words:
            for b in live[cut : i + 1]:
                if b.rule is None:
                    b.rule = rule.id
                    b.cut = b is not block
            cut = i + 1


def run_replace(
    blocks: list[Block],
    rules: Sequence[CompiledRule],
    *,
    timeout: float | None,
) -> list[tuple[Block, str, str]]:
    """Rewrite text inside kept blocks; return (block, rule id, removed text) for each cut.

    Each block is tested for a rule's literals as it is when the rule comes:
    an earlier rule's replacement may have changed it.
    """
    cuts: list[tuple[Block, str, str]] = []
    live = _live(blocks)
    n = len(live)
    for compiled in rules:
        rule, pattern = compiled.rule, compiled.pattern
        for i, block in enumerate(live):
            if not _in_window(rule, i, n):
                continue
            if not prefilter.present(compiled.factors, block.text.casefold()):
                continue
            try:
                found = [m.group() for m in pattern.finditer(block.text, timeout=timeout)]
                if found:
                    block.text = pattern.sub(rule.replacement, block.text, timeout=timeout).strip()
                    block.text = _SPACES.sub(" ", block.text) if "  " in block.text else block.text
            except TimeoutError:
                raise _timeout(rule.id, timeout) from None
            cuts += [(block, rule.id, f) for f in found]
            if not block.text:
                block.rule = rule.id
    return cuts
