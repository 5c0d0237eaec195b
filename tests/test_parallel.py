"""`extract_rows(..., jobs=N)`: the same rows as one process, in input order, errors handled alike."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.errors import ConfigError, InputError
from rasd.model import Article, Event
from rasd.parallel import extract_rows
from rasd.pipeline import load_pipeline

# News-style sentences written for these tests.
TEXTS = [
    "قصفت طائرات حربية روسية فجر أمس الأحد أطراف مدينة سراقب بريف إدلب الشرقي، ما أسفر عن مقتل ثلاثة مدنيين.",
    "اندلعت اشتباكات عنيفة أمس بين قوات سوريا الديمقراطية ومسلحين من أبناء العشائر في بلدة ذيبان بريف دير الزور.",
    "انفجرت عبوة ناسفة صباح اليوم بدورية للجيش العراقي قرب قضاء الطارمية شمالي بغداد، وأصيب جنديان.",
    "تظاهر مئات الطلاب أمس أمام مبنى المحافظة في مدينة عطبرة احتجاجاً على ارتفاع الأسعار.",
    "وحذر مسؤولون أمميون من تدهور الأوضاع الإنسانية في المنطقة خلال الأسابيع المقبلة.",
    "اعتقلت قوات الأمن التركية أمس خمسة أشخاص في مدينة غازي عنتاب بتهمة الانتماء إلى تنظيم داعش.",
]


def _articles(n: int) -> list[Article]:
    return [Article(id=f"art-{i}", text=TEXTS[i % len(TEXTS)], pub_date=dt.date(2024, 3, 1) + dt.timedelta(days=i),
                    origin=f"test.jsonl line {i + 1}") for i in range(n)]


def test_two_jobs_give_the_same_rows_in_input_order():
    articles = _articles(23)
    one = list(extract_rows(articles, jobs=1))
    two = list(extract_rows(iter(articles), jobs=2, batch_size=2))
    assert [r["id"] for r in two] == [a.id for a in articles]
    assert two == one
    assert sum(len(r["events"]) for r in one) >= 10  # the texts do report events


class _Failing:
    """A pipeline that refuses articles whose id ends in 3 (as a real stage can raise a RasdError)."""

    def __init__(self) -> None:
        self.inner = load_pipeline()

    def extract_article(self, article: Article) -> list[Event]:
        if article.id.endswith("3"):
            raise InputError("text could not be analysed")
        return self.inner.extract_article(article)


def failing_factory() -> _Failing:
    return _Failing()


@pytest.mark.parametrize("jobs", [1, 2])
def test_article_errors_are_reported_and_give_empty_rows(jobs):
    errors: list[InputError] = []
    rows = list(extract_rows(_articles(8), jobs=jobs, batch_size=3, factory=failing_factory, on_error=errors.append))
    assert [r["id"] for r in rows] == [f"art-{i}" for i in range(8)]
    assert rows[3]["events"] == [] and rows[0]["events"]
    assert [e.where for e in errors] == ["test.jsonl line 4"]
    assert "could not be analysed" in str(errors[0])


def test_stopping_early_does_not_hang():
    rows = extract_rows(_articles(40), jobs=2, batch_size=2)
    first = [next(rows) for _ in range(3)]
    rows.close()
    assert [r["id"] for r in first] == ["art-0", "art-1", "art-2"]


@pytest.mark.parametrize(("kwargs", "message"), [({"jobs": -1}, "--jobs"), ({"jobs": 2, "batch_size": 0}, "batch")])
def test_bad_settings(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        list(extract_rows(_articles(2), **kwargs))


def test_jobs_zero_means_one_per_cpu():
    assert len(list(extract_rows(_articles(3), jobs=0))) == 3
