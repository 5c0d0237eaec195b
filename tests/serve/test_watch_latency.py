"""``rasd watch`` + ``rasd serve`` together: a new feed item is visible in the API seconds after its poll."""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def test_watch_item_visible_in_api_within_seconds(tmp_path: Path) -> None:
    feed_dir = tmp_path / "site"
    feed_dir.mkdir()
    feed = feed_dir / "feed.rss"
    original = (DATA / "feed.rss").read_text(encoding="utf-8")
    feed.write_text(original, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(feed_dir))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    feed_url = f"http://127.0.0.1:{httpd.server_port}/feed.rss"

    db = str(tmp_path / "live.db")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(DATA), str(ROOT)])}
    api_port = _port()
    api = f"http://127.0.0.1:{api_port}"
    serve = subprocess.Popen([sys.executable, "-c", "from rasd.serve.cli import serve_command; serve_command()",
                              "--db", db, "--port", str(api_port)], env=env, stderr=subprocess.DEVNULL)
    watch = subprocess.Popen([sys.executable, "-c", "from rasd.store.cli import watch_command; watch_command()",
                              "--db", db, "--extractor", "gold_extractor:load_extractor", "--every", "1s",
                              feed_url], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 30
        while _status(f"{api}/api/articles/furat-i01-a") != 200:
            assert time.monotonic() < deadline, "first poll never became visible"
            time.sleep(0.05)
        item = (
            "<item><title>اندلعت اشتباكات عنيفة</title><link>https://furat.example/feed/live-1</link>"
            "<guid>furat-live-1</guid><pubDate>Mon, 11 Mar 2024 09:00:00 +0300</pubDate>"
            "<description>اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم الدولة في بلدة هجين "
            "مساء الأحد أسفرت عن مقتل ثلاثة مقاتلين.</description></item>"
        )
        published = time.monotonic()
        feed.write_text(original.replace("</channel>", item + "\n</channel>"), encoding="utf-8")
        while _status(f"{api}/api/articles/furat-live-1") != 200:
            assert time.monotonic() - published < 15, "new item not visible within 15 s"
            time.sleep(0.02)
        latency = time.monotonic() - published
        events = json.load(urllib.request.urlopen(f"{api}/api/articles/furat-live-1", timeout=5))["events"]
        print(f"\nwatch --every 1s: new feed item visible in the API {latency:.2f} s after publication")
        assert latency < 1.0 + 3.0  # one poll interval plus fetch, extraction and commit
        assert events and events[0]["event_type"] == "Battles"
    finally:
        watch.terminate()
        serve.terminate()
        watch.wait(timeout=10)
        serve.wait(timeout=10)
        httpd.shutdown()
        httpd.server_close()
