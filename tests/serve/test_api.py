"""The REST API over an ingested store: listing, filters, 422s, detail, articles, stats, GeoJSON, POST, docs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.model import Article
from rasd.serve.app import create_app
from rasd.store import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
TOKEN = "s3cret-token"


def _gold():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(DATA))
    try:
        return __import__("gold_extractor").load_extractor()
    finally:
        sys.path.remove(str(DATA))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    extract = _gold()
    store = open_store(str(tmp_path_factory.mktemp("api") / "api.db"))
    items = []
    for line in (DATA / "cluster_reports.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        art = Article(id=d["id"], text=d["text"], url=d["url"], outlet=d["outlet"],
                      pub_date=dt.date.fromisoformat(d["pub_date"]))
        items.append((art, extract(art)))
    store.write(items)
    with TestClient(create_app(store, token=TOKEN, extract=extract)) as c:
        yield c
    store.close()


def test_api_events_lists_clusters_with_reports(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 100}).json()
    assert body["total"] == 24 and len(body["items"]) == 24 and body["limit"] == 100
    fasher = next(i for i in body["items"] if i["location"] and i["location"]["name"] == "El Fasher")
    assert fasher["fatalities"] == 43
    assert {r["article_id"] for r in fasher["reports"]} == {"i08-a", "i08-b", "i08-c"}
    assert all({"article_id", "url", "outlet"} <= set(r) for r in fasher["reports"])
    # the cluster's source count, its outlets and every report's evidence sentence
    assert fasher["n_reports"] == 3 and fasher["n_outlets"] == len(fasher["outlets"])
    assert set(fasher["outlets"]) == {r["outlet"] for r in fasher["reports"]}
    texts = {d["id"]: d["text"] for d in map(json.loads, (DATA / "cluster_reports.jsonl").read_text(
        encoding="utf-8").splitlines())}
    for r in fasher["reports"]:
        assert r["evidence_text"] and r["evidence_text"] in texts[r["article_id"]]
        assert r["event_type"] and isinstance(r["event_id"], int)


@pytest.mark.parametrize(
    ("params", "total"),
    [
        # cluster counts as the shipped linking model forms them (it merges the set's Hajin, Marib and
        # Khan Yunis hard negatives with their incidents; see tests/store/test_cluster.py)
        ({"country": "YE"}, 3),
        ({"event_type": ["Battles", "Riots"]}, 3),
        ({"actor": "Hezbollah"}, 1),
        ({"q": "خان يونس"}, 1),
        ({"bbox": "40,34,41,35.5"}, 4),  # Mayadin x2, Hajin, Abu Kamal
        ({"date_from": "2024-03-01", "date_to": "2024-03-31"}, 6),
        ({"admin1": "Gaza Strip", "min_fatalities": 5}, 1),
    ],
)
def test_api_events_filters(client: TestClient, params: dict, total: int) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == total


def test_api_pagination_and_sort(client: TestClient) -> None:
    a = client.get("/api/events", params={"sort": "-fatalities", "limit": 2}).json()["items"]
    b = client.get("/api/events", params={"sort": "-fatalities", "limit": 2, "offset": 2}).json()["items"]
    assert [i["fatalities"] for i in a + b] == [43, 10, 9, 7]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "date_from"),
        ({"event_type": "Battle"}, "event_type"),
        ({"bbox": "40,34,41"}, "bbox"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"sort": "colour"}, "sort"),
        ({"country": "SYR"}, "country"),
        ({"min_fatalities": -1}, "min_fatalities"),
    ],
)
def test_api_bad_parameters_give_422_naming_the_field(client: TestClient, params: dict, field: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any(d["loc"][-1] == field and d["msg"] for d in detail), detail


def test_api_event_detail_has_texts_and_evidence(client: TestClient) -> None:
    item = client.get("/api/events", params={"q": "النبطية", "event_type": "Explosions/Remote violence",
                                             "date_from": "2024-02-14", "date_to": "2024-02-14"}).json()["items"][0]
    detail = client.get(f"/api/events/{item['id']}").json()
    assert {r["article_id"] for r in detail["reports"]} == {"i07-a", "i07-b"}
    for rep in detail["reports"]:
        assert rep["evidence"] and all(rep["text"][e["start"]:e["end"]] == e["text"] for e in rep["evidence"])
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events/abc").status_code == 422


def test_api_article_by_input_id(client: TestClient) -> None:
    art = client.get("/api/articles/i13-a").json()
    assert art["id"] == "i13-a" and len(art["events"]) == 2 and art["text"].startswith("قصفت")
    assert client.get("/api/articles/missing").status_code == 404


def test_api_stats(client: TestClient) -> None:
    st = client.get("/api/stats", params={"country": "SD"}).json()
    assert st["total"] == 2
    assert st["by_type"] == [{"key": "Battles", "count": 2, "fatalities": 43}]
    assert {d["key"] for d in st["by_admin1"]} == {"North Darfur", "South Darfur"}


def test_api_geojson(client: TestClient) -> None:
    r = client.get("/api/events.geojson", params={"country": "LY"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 10 < lon < 25 and 30 < lat < 35
    assert fc["features"][0]["properties"]["reports"][0]["article_id"]


def test_api_post_articles_needs_token(client: TestClient) -> None:
    body = {"articles": [{"id": "post-1", "text": "تظاهر المئات في مدينة صور الجمعة.", "pub_date": "2024-09-06"}]}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    r = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["added"] == 1
    again = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["duplicates"] == 1
    assert client.get("/api/articles/post-1").json()["pub_date"] == "2024-09-06"
    bad = client.post("/api/articles", json={"articles": [{"id": "x"}]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 422


def test_api_post_disabled_without_token(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "x.db")) as st, TestClient(create_app(st)) as c:
        r = c.post("/api/articles", json={"articles": [{"id": "a", "text": "نص"}]})
        assert r.status_code == 403 and "disabled" in r.json()["detail"]


def test_api_docs_and_dashboard_are_local(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/events.geojson"} <= set(spec["paths"])
    index = client.get("/").text
    assert "leaflet.js" in index and "http" not in index.replace("http-equiv", "")
    for asset in ("/static/app.js", "/static/basemap/countries.topo.json", "/static/basemap/admin1_lines.json"):
        assert client.get(asset).status_code == 200


def test_api_items_carry_the_english_summary(client: TestClient) -> None:
    from rasd.summary import event_note

    items = client.get("/api/events", params={"limit": 5}).json()["items"]
    assert items
    for item in items:
        assert item["notes"] == event_note({k: v for k, v in item.items() if k != "notes"})
        assert item["notes"].startswith("On ")
