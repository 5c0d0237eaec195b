"""Readers: JSONL (with line-numbered errors), .txt, .html, directories, stdin, encodings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.read import read_articles
from rasd.read.decode import decode_bytes

TEXT = "اندلعت اشتباكات عنيفة أمس بين الجيش ومسلحين في ريف درعا الغربي."


def _collect(paths: list[str], **kw):
    errors: list[InputError] = []
    arts = list(read_articles(paths, on_error=errors.append, **kw))
    return arts, errors


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": TEXT, "pub_date": "2024-03-10", "outlet": "وكالة"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": "a3", "text": 5}),
        json.dumps({"id": "a4", "text": TEXT, "pub_date": "10/03/2024"}),
        "",
        json.dumps({"id": "a5", "text": TEXT, "pub_date": None}),
        json.dumps(["not", "an", "object"]),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    arts, errors = _collect([str(f)])
    assert [a.id for a in arts] == ["a1", "a5"]
    assert arts[0].pub_date == dt.date(2024, 3, 10) and arts[0].outlet == "وكالة"
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{f} line 2: invalid JSON")
    assert messages[1] == f"{f} line 3: missing field 'text'"
    assert "line 4: field 'text' must be a string" in messages[2]
    assert "line 5: field 'pub_date' is not an ISO date" in messages[3]
    assert "line 8: expected a JSON object" in messages[4]


def test_txt_html_and_directory(tmp_path: Path) -> None:
    d = tmp_path / "news"
    d.mkdir()
    (d / "one.txt").write_text(TEXT, encoding="utf-8")
    (d / "two.txt").write_bytes(TEXT.encode("cp1256"))
    html = f"""<html><head><title>اشتباكات في درعا</title>
    <meta property="article:published_time" content="2024-03-11T08:00:00Z"></head>
    <body><nav>الرئيسية | أخبار | رياضة</nav><article><h1>اشتباكات في درعا</h1>
    <p>{TEXT}</p><p>وقال ناشطون إن الاشتباكات استمرت ساعات وأسفرت عن مقتل عنصرين من الجيش.</p></article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    (d / "three.html").write_text(html, encoding="utf-8")
    arts, errors = _collect([str(d)], pub_date=dt.date(2024, 3, 12))
    assert errors == []
    by_id = {a.id: a for a in arts}
    assert set(by_id) == {"one.txt", "two.txt", "three.html"}
    assert by_id["two.txt"].text == TEXT
    page = by_id["three.html"]
    assert "عنصرين" in page.text and "الرئيسية" not in page.text and "الحقوق" not in page.text
    assert page.pub_date == dt.date(2024, 3, 12)


def test_html_pub_date_from_metadata(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_text(f"""<html><head><meta property="article:published_time" content="2024-03-11T08:00:00Z">
    </head><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>""", encoding="utf-8")
    arts, _ = _collect([str(f)])
    assert arts[0].pub_date == dt.date(2024, 3, 11)


def test_missing_file_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    arts, errors = _collect([str(tmp_path / "nope.jsonl"), str(tmp_path / "x.pdf")])
    assert arts == []
    assert "no such file" in str(errors[0]) and "unsupported file type" in str(errors[1])


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1256"), "cp1256"),
        (b"\xff\xfe\x00 broken \x80", "utf-8-replace"),
    ],
)
def test_decode_bytes(data: bytes, encoding: str) -> None:
    text, enc = decode_bytes(data)
    assert enc == encoding
    if encoding != "utf-8-replace":
        assert text == TEXT


def test_jsonl_is_streamed_beyond_the_single_file_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rasd.read as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 100)  # far smaller than the file: JSONL must not be capped
    f = tmp_path / "many.jsonl"
    f.write_text("\n".join(json.dumps({"id": f"a{i}", "text": TEXT}, ensure_ascii=False) for i in range(50)),
                 encoding="utf-8")
    arts, errors = _collect([str(f)])
    assert errors == [] and [a.id for a in arts] == [f"a{i}" for i in range(50)]
