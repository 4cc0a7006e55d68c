"""Write tests/fixtures/text_stage.json: golden outputs of the text stage.

For each fixture text (the seeds and ``typography_mix.txt``): the blocks'
spans and fixed texts, the language and the fingerprint of the fixed blocks
joined as a body is. ``tests/test_text_stage.py`` compares the current build
with them exactly. The file was first written by the pure-Python stages, before
the compiled core took them over; regenerate it only for a deliberate change,
and review the diff:

    python bench/text_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
OUT = FIXTURES / "text_stage.json"


def fixture_texts() -> dict[str, str]:
    """The fixture texts, by name, read as the tests read them."""
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + [FIXTURES / "typography_mix.txt"]
    return {
        p.relative_to(FIXTURES).as_posix(): p.read_bytes().decode("utf-8") for p in paths
    }


def golden(text: str) -> dict[str, Any]:
    """What the text stage of a default Cleaner makes of ``text``."""
    from cleaner import Cleaner
    from cleaner.fingerprint import simhash64

    blocks, language = Cleaner().typography.blocks(text)
    lines = [b.text for b in blocks]
    return {
        "spans": [[b.start, b.end] for b in blocks],
        "lines": lines,
        "language": language,
        "fingerprint": format(simhash64("\n\n".join(lines)), "016x"),
    }


def main() -> int:
    data = {name: golden(text) for name, text in fixture_texts().items()}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} texts written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
