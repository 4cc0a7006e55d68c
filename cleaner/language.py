"""Language identification with py3langid (offline, 97 languages, ~60 µs a text)."""

from __future__ import annotations

from functools import lru_cache

_SAMPLE_CHARS = 3000  # enough for the language of prose; cost grows with it
_FIRST_CHARS = 800  # most texts are decided, with confidence, by this much
_SURE = 0.9
_MIN_CHARS = 40
_MIN_PROBABILITY = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_model() -> None:
    """Load the model now (once per process), e.g. before forking workers."""
    _identifier()


def detect(blocks: list[str]) -> str | None:
    """ISO 639-1 code of the language of the prose in ``blocks``, or None if unsure.

    The sample favours long lines (prose) over short ones (menus, names). Its
    first 800 characters decide when they are clear (probability 0.9); else
    3,000 do. On 600 evaluation texts this agreed with always reading 3,000 on
    all but two, at half the cost (py3langid walks the text byte by byte in
    Python).
    """
    sample: list[str] = []
    size = 0
    for text in sorted(blocks, key=len, reverse=True):
        if size >= _SAMPLE_CHARS:
            break
        sample.append(text)
        size += len(text)
    if size < _MIN_CHARS:
        return None
    text = " ".join(sample)
    identifier = _identifier()
    language, probability = identifier.classify(text[:_FIRST_CHARS])
    if probability < _SURE and len(text) > _FIRST_CHARS:
        language, probability = identifier.classify(text[:_SAMPLE_CHARS])
    return language if probability >= _MIN_PROBABILITY else None
