"""Apply rules to blocks: detection here, removal recorded on the blocks.

Metadata rules (``extract``, ``title``) read the head and tail in file order.
Chrome rules (``drop``, ``cut-*``) run in one pass over the blocks: phrase rules
that match a whole block are one dictionary lookup, the other patterns are
combined into one alternation per kind, so a block costs a few C-level
matches however many rules are loaded.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

import regex

from .blocks import Block
from .errors import RuleTimeoutError
from .metadata import MetadataBuilder, NewsSettings, looks_like_title, normalise_key
from .ruleset import Rule, run_pattern

_EDGES = regex.compile(r"^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]*(?:\(\d+\)[\p{P}\p{S}\s]*)?$")
_SPACES = regex.compile(r"\s+")


def phrase_key(text: str, case_sensitive: bool) -> str:
    """How a block is looked up among whole-block phrases."""
    key = _SPACES.sub(" ", _EDGES.sub("", text))
    return key if case_sensitive else key.casefold()


def _timeout(rule_id: str, seconds: float | None) -> RuleTimeoutError:
    return RuleTimeoutError(f"rule {rule_id!r} ran past its time limit ({seconds} s) on a block")


class ChromeMatcher:
    """Finds, for a block, the first rule (in load order) that matches it."""

    def __init__(self, rules: Sequence[Rule], timeout: float | None) -> None:
        self.rules = list(rules)
        self.timeout = timeout
        self._patterns = [r.compile() for r in self.rules]
        self._exact: dict[str, int] = {}
        self._folded: dict[str, int] = {}
        self._longest = 0
        by_kind: dict[str, list[int]] = {"block": [], "prefix": [], "contains": []}
        for i, rule in enumerate(self.rules):
            if rule.pattern is None and rule.match == "block":
                table = self._exact if rule.case_sensitive else self._folded
                for phrase in rule.phrases:
                    table.setdefault(phrase_key(phrase, rule.case_sensitive), i)
                    self._longest = max(self._longest, len(phrase))
            else:
                by_kind[rule.match].append(i)
        self._combined: list[tuple[str, regex.Pattern[str]]] = []
        self._solo: list[int] = []
        for kind, indices in by_kind.items():
            if indices:
                self._combine(kind, indices)

    def _combine(self, kind: str, indices: list[int]) -> None:
        parts = []
        for i in indices:
            rule = self.rules[i]
            flag = "-i" if rule.case_sensitive else "i"
            parts.append(f"(?P<r{i}>(?{flag}:{rule.regex_source}))")
        try:
            self._combined.append((kind, regex.compile("|".join(parts), regex.V0)))
        except regex.error:  # e.g. a user pattern with global flags: match it alone
            self._solo += indices

    def _candidates(self, text: str) -> Iterator[int]:
        if self._longest and len(text) <= self._longest + 12:
            if (i := self._exact.get(phrase_key(text, True))) is not None:
                yield i
            if (i := self._folded.get(phrase_key(text, False))) is not None:
                yield i
        for kind, combined in self._combined:
            try:
                if kind == "block":
                    m = combined.fullmatch(text, timeout=self.timeout)
                elif kind == "prefix":
                    m = combined.match(text, timeout=self.timeout)
                else:
                    m = combined.search(text, timeout=self.timeout)
            except TimeoutError:
                raise _timeout(f"{kind} rules", self.timeout) from None
            if m:
                name = m.lastgroup
                if name and name[0] == "r" and name[1:].isdigit():
                    yield int(name[1:])
                else:
                    yield next(int(k[1:]) for k, v in m.groupdict().items()
                               if v is not None and k[0] == "r" and k[1:].isdigit())
        for i in self._solo:
            if self._hit(i, text):
                yield i

    def _hit(self, i: int, text: str) -> bool:
        rule = self.rules[i]
        try:
            return run_pattern(rule, self._patterns[i], text, self.timeout) is not None
        except TimeoutError:
            raise _timeout(rule.id, self.timeout) from None

    def first(self, text: str, ok: Callable[[Rule], bool]) -> Rule | None:
        """The first rule that matches ``text`` and passes ``ok`` (position, length)."""
        found = sorted(set(self._candidates(text)))
        if not found:
            return None
        if ok(self.rules[found[0]]):
            return self.rules[found[0]]
        # Rare: the first candidate is out of place; try each later rule alone.
        for i in range(found[0] + 1, len(self.rules)):
            if ok(self.rules[i]) and self._hit(i, text):
                return self.rules[i]
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


def _cut_to_end(live: list[Block], i: int, rule_id: str, min_words: int) -> bool:
    """Cut from ``live[i]`` to the end, unless the marker stands in the story's first
    half: fewer than ``min_words`` before it, or more story prose after it than
    before it (prose counted the same way on both sides, menus not at all)."""
    if _words(live[:i]) < min_words:
        return False
    after = _prose_words(live[i + 1 :])
    if after > _PROSE_AFTER_ALLOWED and after > _prose_words(live[:i]):
        return False
    for b in live[i:]:
        b.rule = rule_id
    return True


def run_metadata(
    blocks: list[Block],
    rules: Sequence[tuple[Rule, regex.Pattern[str] | None]],
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    timeout: float | None,
    min_words: int,
) -> None:
    """Extract metadata from the head and tail; each rule fires at most once.

    Positions count the blocks still in the body, so the rules are applied
    until nothing changes: a byline found by a later file's rule lets an
    earlier dateline rule see the first paragraph.
    """
    fired: set[int] = set()
    for _ in range(3):
        changed = False
        for index, (rule, pattern) in enumerate(rules):
            if index in fired:
                continue
            live = _live(blocks)
            n = len(live)
            window = range(n)
            if rule.where == "head":
                window = range(min(n, rule.within or n))
            elif rule.where == "tail":
                window = range(max(0, n - (rule.within or n)), n)
            for i in window:
                if rule.action == "title":
                    hit = _title(live, i, rule, meta, min_words)
                else:
                    hit = _extract(live, i, rule, pattern, meta, news, timeout, min_words)
                if hit:
                    fired.add(index)
                    changed = True
                    break
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


def _extract(live, i, rule, pattern, meta, news, timeout, min_words) -> bool:
    block = live[i]
    try:
        m = run_pattern(rule, pattern, block.text, timeout)
    except TimeoutError:
        raise _timeout(rule.id, timeout) from None
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
    for i, block in enumerate(live):
        if block.rule is not None:
            continue
        text = block.text
        rule = matcher.first(
            text, lambda r: _in_window(r, i, n) and r.length_ok(text)  # noqa: B023
        )
        if rule is None:
            continue
        if rule.action == "drop":
            block.rule = rule.id
        elif rule.action == "cut-to-end":
            if _cut_to_end(live, i, rule.id, min_words):
                return
        elif rule.action == "cut-from-start" and _words(live[i + 1 :]) >= min_words:
            for b in live[: i + 1]:
                if b.rule is None:
                    b.rule = rule.id


def run_replace(
    blocks: list[Block],
    rules: Sequence[tuple[Rule, regex.Pattern[str]]],
    *,
    timeout: float | None,
) -> list[tuple[Block, str, str]]:
    """Rewrite text inside kept blocks; return (block, rule id, removed text) for each cut."""
    cuts: list[tuple[Block, str, str]] = []
    live = _live(blocks)
    n = len(live)
    for rule, pattern in rules:
        for i, block in enumerate(live):
            if not _in_window(rule, i, n):
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
