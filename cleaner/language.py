"""Language identification with py3langid (offline, 97 languages, ~60 µs a text)."""

from __future__ import annotations

from functools import lru_cache

_SAMPLE_CHARS = 3000  # enough for the language of prose; cost grows with it
_MIN_CHARS = 40
_MIN_PROBABILITY = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(blocks: list[str]) -> str | None:
    """ISO 639-1 code of the language of the prose in ``blocks``, or None if unsure.

    The sample favours long lines (prose) over short ones (menus, names).
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
    language, probability = _identifier().classify(" ".join(sample)[: _SAMPLE_CHARS])
    return language if probability >= _MIN_PROBABILITY else None
