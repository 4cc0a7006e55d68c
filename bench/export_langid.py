"""Export py3langid's model into core/data/langid.bin, the core's language model.

py3langid (a fork of langid.py) classifies text with a naive Bayes model over
byte n-grams that a DFA finds. The core embeds the same model in a compact
form that it reads in place, without decompressing anything:

- the DFA as the Aho-Corasick automaton it is: a trie (each state's children,
  by byte) and failure links, states numbered breadth-first. The script
  recovers both from the dense table of transitions and checks that they give
  back every one of its transitions;
- ``nb_ptc`` (features x classes, float16) column-sparse by row: each class's
  commonest value, and per feature the classes whose value differs from it;
- ``nb_pc`` (float32), the class labels, and each state's feature (-1: none).

Layout (little-endian), checked by the core when it reads the file:

    magic    b"ACLANGID", u32 version (2)
    u32      classes, features, states, shallow states (depth 0 and 1: the
             first ones, states being numbered breadth-first), children,
             exceptions, label bytes
    labels   class labels, each followed by a NUL byte, padded to 4 bytes
    f32      nb_pc[classes]
    u16      each class's commonest nb_ptc value (float16 bits)[classes], pad to 4
    u32      root row: the state after each byte from the start state [256]
    u32      fail[states]               state of the longest proper suffix
    u32      child_start[states + 1]    children of state s: child_start[s]..[s+1]
    u32      children[children]         (byte << 24) | state, by state, then byte
    i32      output[states]             the feature counted on entering a state
    u32      exc_start[features + 1]    exceptions of feature f
    3 bytes  exceptions[exceptions]     float16 bits (u16), class (u8); by class

Run with py3langid installed (``pip install -e '.[bench]'``), then rebuild:

    python bench/export_langid.py
"""

from __future__ import annotations

import struct
import sys
from collections import deque
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "core" / "data" / "langid.bin"
MAGIC = b"ACLANGID"
VERSION = 2


def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _automaton(nextmove, row_of_state):
    """Root row, failure links, the trie's children (CSR), the states' order and
    their depths, of the dense DFA; states numbered breadth-first."""
    rows = np.frombuffer(nextmove, dtype=np.uint32 if nextmove.itemsize == 4 else np.uint16)
    rows = rows.astype(np.uint32).reshape(-1, 256)
    full = rows[np.frombuffer(row_of_state, dtype=np.uint16 if row_of_state.itemsize == 2
                              else np.uint32).astype(np.int64)]
    states = len(full)
    # A state's depth (length of its n-gram) is its distance from the start state.
    depth = np.full(states, -1, dtype=np.int64)
    depth[0] = 0
    queue = deque([0])
    order = []
    while queue:
        s = queue.popleft()
        order.append(s)
        for t in np.unique(full[s]).tolist():
            if depth[t] < 0:
                depth[t] = depth[s] + 1
                queue.append(t)
    if (depth < 0).any():
        sys.exit("export: some DFA states cannot be reached")
    # Trie edges: transitions one level deeper. Each state but the start has one.
    deeper = depth[full] == depth[:, None] + 1
    src, byte = np.nonzero(deeper)
    dst = full[src, byte]
    if len(dst) != states - 1 or len(np.unique(dst)) != states - 1:
        sys.exit("export: the DFA is not a trie with failure links")
    # Failure links, level by level: fail(child(s, b)) = delta(fail(s), b).
    fail = np.zeros(states, dtype=np.int64)
    edge_of = {int(t): (int(s), int(b)) for s, b, t in zip(src, byte, dst)}
    for t in order[1:]:
        s, b = edge_of[t]
        fail[t] = 0 if s == 0 else full[fail[s], b]
    # Check: each row is its failure state's row with the state's children over it.
    rebuilt = np.zeros_like(full)
    rebuilt[0] = np.where(deeper[0], full[0], 0)
    for t in order[1:]:
        rebuilt[t] = np.where(deeper[t], full[t], rebuilt[fail[t]])
    if not np.array_equal(rebuilt, full):
        sys.exit("export: the trie and failure links do not give back the DFA")
    # States renumbered in breadth-first order: the start state and the shallow
    # states, which the walk visits most, come first and together.
    new_of = np.empty(states, dtype=np.int64)
    new_of[np.asarray(order)] = np.arange(states)
    src, dst = new_of[src], new_of[dst]
    fail = new_of[fail[np.asarray(order)]]
    depth = depth[np.asarray(order)]
    sort = np.lexsort((byte, src))
    src, byte, dst = src[sort], byte[sort], dst[sort]
    child_start = np.searchsorted(src, np.arange(states + 1)).astype(np.uint32)
    root = new_of[full[0]]
    return root.astype(np.uint32), fail.astype(np.uint32), child_start, (byte, dst), order, depth


SAMPLES = (
    "The minister said on Tuesday that the budget would be presented next week.",
    "Der Minister sagte am Dienstag, der Haushalt werde nächste Woche vorgelegt.",
    "Министр заявил во вторник, что бюджет будет представлен на следующей неделе.",
    "部长周二表示，预算将于下周提交。 予算は来週提出される。",
)


def _check_walk(ident, root, fail, child_start, child_byte, child_state, output) -> None:
    """The exported automaton finds the features py3langid's DFA finds, in order."""
    from py3langid.langid import visit_counts  # noqa: F401 - the walk mirrored below

    for text in SAMPLES:
        data = text.encode("utf-8")
        expected, state = [], 0
        for byte in data:
            state = ident.tk_nextmove[ident._rowbase[state] + byte]
            if ident.tk_output[state] >= 0:
                expected.append(ident.tk_output[state])
        found, state = [], 0
        for byte in data:
            while True:
                if state == 0:
                    state = int(root[byte])
                    break
                kids = range(child_start[state], child_start[state + 1])
                hit = [int(child_state[k]) for k in kids if child_byte[k] == byte]
                if hit:
                    state = hit[0]
                    break
                state = int(fail[state])
            if output[state] >= 0:
                found.append(int(output[state]))
        if found != expected:
            sys.exit(f"export: the automaton walks {text!r} differently")


def export(out: Path) -> str:
    ident = _identifier()
    classes = list(ident.nb_classes)
    ptc = np.asarray(ident.nb_ptc, dtype=np.float16)
    pc = np.asarray(ident.nb_pc, dtype=np.float32)
    features, n_classes = ptc.shape
    root, fail, child_start, (child_byte, child_state), order, depth = _automaton(
        ident.tk_nextmove, ident.tk_row
    )
    output = np.asarray(ident.tk_output, dtype=np.int32)[np.asarray(order)]
    shallow = int((depth <= 1).sum())  # the start state and its children
    states = len(fail)
    if len(output) != states or output.max() >= features:
        sys.exit("export: outputs do not match the states or the features")
    bits = ptc.view(np.uint16)
    mode = np.empty(n_classes, dtype=np.uint16)
    for c in range(n_classes):
        values, counts = np.unique(bits[:, c], return_counts=True)
        mode[c] = values[counts.argmax()]
    differs = bits != mode[None, :]
    exc_start = np.concatenate([[0], np.cumsum(differs.sum(axis=1))]).astype(np.uint32)
    f_idx, c_idx = np.nonzero(differs)  # row-major: by feature, then by class
    # Three bytes per exception: float16 bits (little-endian), then the class.
    exceptions = np.empty((len(f_idx), 3), dtype=np.uint8)
    exceptions[:, :2] = bits[f_idx, c_idx].astype("<u2").view(np.uint8).reshape(-1, 2)
    exceptions[:, 2] = c_idx
    if n_classes > 255:
        sys.exit("export: more than 255 classes do not fit the format")

    labels = b"".join(c.encode("ascii") + b"\0" for c in classes)
    labels += b"\0" * (-len(labels) % 4)

    def pad4(b: bytes) -> bytes:
        return b + b"\0" * (-len(b) % 4)

    parts = [
        MAGIC,
        struct.pack("<8I", VERSION, n_classes, features, states, shallow, len(child_state),
                    len(exceptions), len(labels)),
        labels,
        pc.astype("<f4").tobytes(),
        pad4(mode.astype("<u2").tobytes()),
        root.astype("<u4").tobytes(),
        fail.astype("<u4").tobytes(),
        child_start.astype("<u4").tobytes(),
        # Children as (byte << 24 | state): states fit in 24 bits.
        (child_byte.astype(np.uint32) << 24 | child_state.astype(np.uint32)).astype("<u4").tobytes(),
        output.astype("<i4").tobytes(),
        exc_start.astype("<u4").tobytes(),
        exceptions.tobytes(),
    ]
    if states >= 1 << 24:
        sys.exit("export: more than 2**24 states do not fit the format")
    _check_walk(ident, root, fail, child_start, child_byte, child_state, output)
    data = b"".join(parts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return (f"{len(data):,} bytes written to {out}: {n_classes} classes "
            f"({len(set(classes))} labels), {features:,} features, {states:,} states, "
            f"{len(exceptions):,} values apart from their class's commonest")


def main() -> int:
    print(export(OUT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
