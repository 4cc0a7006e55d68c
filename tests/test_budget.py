"""A time budget per document: the slow document fails with a clear error, the others go on."""

from __future__ import annotations

import signal
import threading
import time

import pytest
import trafilatura

import cleaner
from cleaner import Cleaner, Config, ConfigError, DocumentTimeoutError
from cleaner.batch.run import iter_clean

PAGE = ("<html><body><article><h1>Harbour reopens</h1>"
        + "<p>The harbour reopened on Monday after a week of repairs to the old sea wall.</p>" * 6
        + "</article></body></html>")


@pytest.fixture
def slow_extraction(monkeypatch):
    """trafilatura's extraction takes ``seconds`` on pages that say "slow"."""
    real = trafilatura.bare_extraction

    def extraction(html, *args, **kwargs):
        if "slow" in html:
            until = time.monotonic() + 2.0
            while time.monotonic() < until:  # Python code, as trafilatura is
                sum(range(1000))
        return real(html, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction)


def test_no_budget_by_default():
    assert Config().time_budget is None


@pytest.mark.parametrize("value", [0, -1.0, float("nan"), "2", True])
def test_a_bad_budget_is_refused_when_the_config_is_built(value):
    with pytest.raises(ConfigError, match="time_budget"):
        Config(time_budget=value)


def test_a_long_extraction_is_interrupted_at_the_budget(slow_extraction):
    c = Cleaner(time_budget=0.3)
    start = time.monotonic()
    with pytest.raises(DocumentTimeoutError, match=r"past its time budget of 0\.3 s") as info:
        c.clean_html(PAGE.replace("Monday", "slow Monday"))
    assert time.monotonic() - start < 1.5  # interrupted, not left to run its 2 s
    assert isinstance(info.value, TimeoutError) and isinstance(info.value, cleaner.CleanerError)
    # The timer and the handler are the program's again.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    # The next document is cleaned as usual.
    assert "sea wall" in c.clean_html(PAGE).text


def test_outside_the_main_thread_the_budget_is_checked_between_stages(slow_extraction):
    c = Cleaner(time_budget=0.3)
    caught: list[BaseException] = []

    def run() -> None:
        try:
            c.clean_html(PAGE.replace("Monday", "slow Monday"))
        except BaseException as exc:  # noqa: BLE001
            caught.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert len(caught) == 1 and isinstance(caught[0], DocumentTimeoutError)
    assert "after the HTML extraction" in str(caught[0])


def test_a_program_with_its_own_alarm_keeps_it(slow_extraction):
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        with pytest.raises(DocumentTimeoutError, match="after the HTML extraction"):
            Cleaner(time_budget=0.3).clean_html(PAGE.replace("Monday", "slow Monday"))
        assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_a_batch_reports_the_slow_document_and_goes_on(slow_extraction):
    records = [
        {"id": "a", "html": PAGE},
        {"id": "b", "html": PAGE.replace("Monday", "slow Monday")},
        {"id": "c", "text": "The harbour reopened on Monday after a week of repairs."},
    ]
    out = list(iter_clean(records, Cleaner(time_budget=0.3), html_field="html"))
    assert [r["id"] for r in out] == ["a", "b", "c"]
    assert out[0]["error"] is None and "sea wall" in out[0]["text"]
    assert out[1]["text"] is None
    assert out[1]["error"].startswith("DocumentTimeoutError: the document took")
    assert out[2]["error"] is None


def test_a_document_within_its_budget_is_untouched():
    text = "The harbour reopened on Monday after a week of repairs to the old sea wall. " * 20
    assert Cleaner(time_budget=5.0).clean(text).text == Cleaner().clean(text).text
