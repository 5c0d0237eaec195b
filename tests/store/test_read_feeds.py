"""Feed and Telegram-export readers: local files, a flaky server on 127.0.0.1, retries and timeouts."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.read.rss import is_feed, read_feed
from rasd.read.telegram import is_telegram_export, read_telegram_export

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("source", "feed", "telegram"),
    [
        ("feed.rss", True, False),
        ("feed.atom", True, False),
        ("cluster_reports.jsonl", False, False),
        ("telegram", False, True),
        ("telegram/result.json", False, True),
    ],
)
def test_readers_recognise_sources(source: str, feed: bool, telegram: bool) -> None:
    assert is_feed(str(DATA / source)) is feed
    assert is_telegram_export(DATA / source) is telegram


def test_rss_items_become_articles_with_dates() -> None:
    arts = list(read_feed(str(DATA / "feed.rss")))
    assert [a.id for a in arts] == ["furat-i01-a", "furat-i01-b", "furat-i05-a"]
    assert arts[0].outlet == "شبكة الفرات الإخبارية"
    assert arts[0].url == "https://furat.example/feed/i01-a"
    assert "<p>" not in arts[0].text and arts[0].text.startswith("قُتل خمسة أشخاص")
    # RFC 822 date, Arabic date (dateparser fallback), RFC 822 again
    assert [a.pub_date for a in arts] == [dt.date(2024, 3, 5), dt.date(2024, 3, 5), dt.date(2024, 2, 20)]


def test_atom_entry_becomes_article() -> None:
    (art,) = read_feed(str(DATA / "feed.atom"))
    assert art.id == "urn:example:sudantribune:i08-a"
    assert art.pub_date == dt.date(2024, 5, 11)
    assert "الفاشر" in art.text


def test_telegram_export_messages_become_articles() -> None:
    arts = list(read_telegram_export(DATA / "telegram"))
    assert [a.id for a in arts] == ["telegram:1000001/102", "telegram:1000001/104"]  # service/photo skipped
    assert arts[0].pub_date == dt.date(2024, 3, 20) and arts[0].outlet == "قناة غزة الآن"
    assert arts[1].text.startswith("عاجل | قتل خمسة") and arts[1].text.endswith("#خان_يونس")


def test_telegram_bad_export_names_file(tmp_path: Path) -> None:
    bad = tmp_path / "result.json"
    bad.write_text('{"name": "x", "type": "public_channel", "messages": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"result\.json"):
        list(read_telegram_export(bad))


class _Flaky(http.server.BaseHTTPRequestHandler):
    failures_left = 0
    hits = 0

    def do_GET(self) -> None:
        cls = type(self)
        cls.hits += 1
        if cls.failures_left > 0:
            cls.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        body = (DATA / "feed.rss").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[tuple[str, type[_Flaky]]]:
    handler = type("Handler", (_Flaky,), {"failures_left": 0, "hits": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/feed.rss", handler
    server.shutdown()
    server.server_close()


def test_feed_url_retries_then_succeeds(feed_server: tuple[str, type[_Flaky]]) -> None:
    url, handler = feed_server
    handler.failures_left = 2
    sleeps: list[float] = []
    arts = list(read_feed(url, retries=3, sleep=sleeps.append))
    assert len(arts) == 3 and handler.hits == 3
    assert sleeps == [0.5, 1.0]


def test_feed_url_gives_up_after_retries(feed_server: tuple[str, type[_Flaky]]) -> None:
    url, handler = feed_server
    handler.failures_left = 10
    with pytest.raises(InputError, match="after 3 attempts"):
        list(read_feed(url, retries=2, sleep=lambda _s: None))
    assert handler.hits == 3


def test_feed_url_timeout_is_applied() -> None:
    seen: list[float] = []

    def slow(url: str, timeout: float) -> bytes:
        seen.append(timeout)
        raise TimeoutError("timed out")

    with pytest.raises(InputError, match="timed out"):
        list(read_feed("http://127.0.0.1:9/feed", timeout=0.25, retries=1, fetcher=slow, sleep=lambda _s: None))
    assert seen == [0.25, 0.25]
