"""`muqabala serve` rebuilds when a YAML file changes, shows an invalid file's problems, and recovers."""

from __future__ import annotations

import os
import re
import threading
import time
import urllib.request
from pathlib import Path

from muqabala.site.serve import serve, snapshot
from test_build import tiny_site


def wait_for(messages: list[str], pattern: str, after: int = 0, timeout: float = 120) -> int:
    """Index of the first message from `after` on matching `pattern` (bounded wait)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i, m in enumerate(messages[after:], start=after):
            if re.search(pattern, m):
                return i
        time.sleep(0.1)
    raise AssertionError(f"no message matching {pattern!r} in {messages}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:  # 127.0.0.1 only
        return str(r.read().decode("utf-8"))


def test_serve_rebuilds_on_yaml_change(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=serve, args=(root, 0, messages.append), kwargs={"interval": 0.2, "stop": stop}, daemon=True
    )
    thread.start()
    try:
        i = wait_for(messages, r"^Serving on http://127\.0\.0\.1:\d+/")
        base = re.search(r"http://127\.0\.0\.1:\d+/", messages[i]).group(0)  # type: ignore[union-attr]
        assert "A title" in fetch(base + "en/statements/st/")

        statement = root / "statements" / "st.yaml"
        statement.write_text(
            statement.read_text(encoding="utf-8").replace("A title", "A changed title"), encoding="utf-8"
        )
        j = wait_for(messages, r"^built in", after=i + 1)
        assert any(m.startswith("changed: statements/st.yaml") for m in messages[i:j])
        assert "A changed title" in fetch(base + "en/statements/st/")

        statement.write_text(
            statement.read_text(encoding="utf-8").replace("issuer: gov", "issuer: nobody"), encoding="utf-8"
        )
        k = wait_for(messages, r"the preview shows these problems until the next good save", after=j + 1)
        assert "statements/st.yaml:4: issuer: unknown issuer" in messages[k]
        page = fetch(base + "ar/statements/st/")
        assert '<html lang="ar" dir="rtl">' in page and "<h1>تعذّر بناء المعاينة</h1>" in page
        assert "statements/st.yaml:4: issuer: unknown issuer (got &#x27;nobody&#x27;)" in page
        assert "Error: 1 problem in 1 file" in fetch(base + "en/")
        assert "<urlset" in fetch(base + "en/sitemap.xml")  # not a page: still the last good site

        statement.write_text(
            statement.read_text(encoding="utf-8").replace("issuer: nobody", "issuer: gov"), encoding="utf-8"
        )
        wait_for(messages, r"^built in", after=k + 1)
        page = fetch(base + "en/statements/st/")
        assert "A changed title" in page and 'fetch("/__muqabala/state"' in page
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_the_watcher_looks_at_data_and_hand_written_pages_not_at_generated_ones(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    (root / "content" / "en" / "statements").mkdir()
    (root / "content" / "en" / "statements" / "st.md").write_text("generated\n", encoding="utf-8")
    (root / "content" / "en" / "statements-notes.md").write_text("hand-written\n", encoding="utf-8")
    seen = snapshot(root)
    assert "statements/st.yaml" in seen and "mkdocs.yml" in seen and "overrides/main.html" in seen
    assert "content/en/about.md" in seen and "content/en/statements-notes.md" in seen
    assert not any(name.startswith("content/en/statements/") for name in seen)
    statement = root / "statements" / "st.yaml"
    os.utime(statement, (1, 1))
    assert snapshot(root)["statements/st.yaml"] == 1
