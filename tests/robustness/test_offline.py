"""No network at import or clean time: rules and models are local data."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "001.txt"

SCRIPT = textwrap.dedent("""\
    import socket, sys

    calls = []

    def refuse(name):
        def call(*args, **kwargs):
            calls.append(name)
            raise OSError(f"network access attempted: {name}{args!r}")
        return call

    for name in ("connect", "connect_ex", "sendto"):
        setattr(socket.socket, name, refuse("socket." + name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        setattr(socket, name, refuse(name))

    assert "cleaner" not in sys.modules
    import cleaner
    from cleaner.batch import iter_clean

    text = open(sys.argv[1], encoding="utf-8").read()
    url = "https://www.reuters.com/world/china/story"
    for mode in ("article", "page", "auto"):
        assert cleaner.clean(text, url=url, mode=mode).text
    html = "<html><head><link rel='stylesheet' href='https://cdn.example.com/a.css'></head>"
    html += "<body><article>" + "".join(f"<p>{p}</p>" for p in text.splitlines() if p.strip())
    html += "<img src='https://images.example.com/a.jpg'></article></body></html>"
    assert cleaner.clean_html(html, url=url).text
    assert cleaner.clean_html(html.encode("utf-16"), url=url).text
    assert next(iter_clean([{"text": text, "url": url}], cleaner.Cleaner()))["text"]
    assert calls == [], calls
    print("offline ok")
""")


def test_import_and_clean_without_network():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "offline ok" in result.stdout
