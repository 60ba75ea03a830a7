"""Content you can take with you: export_content writes every record as readable files,
import_content loads them into an empty or existing database, all or nothing, and the site
it makes is the same, byte for byte."""

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, ArticleRedirect, Contributor, Disclaimer, Topic
from comparisons.models import Comparison
from faq.models import Question
from gutguide.models import Status
from tests.factories import (
    make_article,
    make_comparison,
    make_contributor,
    make_key_points,
    make_question,
    make_references,
    make_topic,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CONTENT = (Question, Article, Comparison, Topic, Contributor, Disclaimer)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def make_library():
    """A varied site: what every kind of record can hold, drafts and future articles,
    old addresses, ties in ordering, Windows line ends, non-Latin text."""
    gut = make_topic()
    sleep = make_topic(name="Sleep & the gut", slug="sleep", description="Rest, plainly.")
    make_topic(name="Empty topic", slug="empty")
    people = [
        make_contributor(name="Ada Writer", credentials="RD"),
        make_contributor(name="Bo Reviewer", credentials="MD, PhD"),
        make_contributor(name="Zoë Ñandú", credentials=""),
    ]
    Contributor.objects.filter(name="Zoë Ñandú").update(bio="Writes about *sleep*.\n\nTwo lines.")
    make_comparison(
        slug="two",
        subjects=("Alpha", "Beta"),
        rows=[("Dose", "1 g", "**2 g**"), ("Cost", "", "high [link](https://e.org)")],
        intro="Two things.\r\n\r\nSide by side.",
    )
    wide = make_comparison(
        slug="four",
        title="Four-way",
        subjects=("A", "B", "C", "D"),
        rows=[(f"Feature {n}", f"a{n}", "", f"c{n}", f"d{n}") for n in range(1, 8)],
    )
    wide.rows.filter(position=3).update(position=30)  # positions with gaps
    wide.store_table()  # an update() of rows: the stored table follows by hand
    make_comparison(slug="hidden", status=Status.DRAFT, published_at=None, rows=[("X", "y", "z")])

    articles = []
    for n in range(1, 21):
        status = Status.PUBLISHED if n % 5 else Status.REVIEW
        article = make_article(
            title=f"Article {n}: «Gut» & you",
            slug=f"article-{n}",
            dek=f"Dek {n} < 3 & more" if n % 3 else "",
            summary="" if n % 4 == 0 else f"Summary **{n}**.\r\nSecond line.",
            body=(
                f"## Part {n}\n\nText with a footnote[^a] and a [link](https://example.org).\n\n"
                "[[comparison two]]\n\n### Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                "[^a]: The note.\n"
            )
            + ("\n[[comparison four]]\n" if n % 2 else ""),
            topic=gut if n % 2 else sleep if n % 3 else None,
            author=people[n % 3],
            reviewer=people[1] if n % 2 else None,
            reviewed_on=datetime.date(2025, 1, n) if n % 2 else None,
            meta_description=f"Meta {n}." if n % 2 else "",
            status=status,
            published_at=days_ago(n) if n != 7 else timezone.now() + datetime.timedelta(days=3),
        )
        make_key_points(article, n % 4)
        make_references(article, n % 3)
        articles.append(article)
    moved = articles[0]
    moved.slug = "article-1-renamed"
    moved.save()
    make_question(article=articles[0], question="Same order A?", order=1)
    make_question(article=articles[0], question="Same order B?", order=1)
    make_question(article=articles[0], question="Later?", order=2)
    make_question(article=articles[4], question="On an article in review?")
    make_question(topic=sleep, question="Standalone?", answer="Yes, *really*.")
    make_question(question="Draft question?", status=Status.DRAFT)
    Disclaimer.objects.create(text="Not advice. See **a doctor**.")


def public_urls(client):
    """Every page readers can reach: the sitemap's, further list pages, the feed, searches
    and old addresses."""

    def locations(path):
        found = ET.fromstring(client.get(path).content)
        return [loc.text.removeprefix("http://testserver") for loc in found.iter(f"{SITEMAP}loc")]

    sections = locations("/sitemap.xml")  # a sitemap index
    urls = [url for section in sections for url in locations(section)]
    urls += [f"/topics/{topic.slug}/" for topic in Topic.objects.all()]
    # (An empty feed says it was built now: only topics with articles.)
    with_articles = Topic.objects.filter(articles__in=Article.objects.published()).distinct()
    urls += [f"/topics/{topic.slug}/feed/" for topic in with_articles]
    urls += ["/topics/", "/feed/", "/feed/atom/", "/sitemap.xml", *sections, "/robots.txt"]
    if Article.objects.published().count() > 12:
        urls.append("/articles/?page=2")
    urls += ["/search/?q=gut", "/search/?q=note", "/search/?q=zzz"]
    urls += [f"/articles/{redirect.old_slug}/" for redirect in ArticleRedirect.objects.all()]
    return sorted(set(urls))


def snapshot(client, urls):
    cache.clear()
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = (response.status_code, response.get("Location"), response.content)
    return pages


def empty_the_database():
    for model in CONTENT:
        model.objects.all().delete()
    assert not any(model.objects.exists() for model in CONTENT)


@pytest.mark.parametrize("content", ["demo", "generated"])
def test_export_then_import_into_an_empty_database_gives_the_same_site(
    client, db, tmp_path, content
):
    if content == "demo":
        call_command("load_demo_content", verbosity=0)
    else:
        make_library()
    urls = public_urls(client)
    before = snapshot(client, urls)
    assert len(urls) > (10 if content == "demo" else 25)
    assert {url: status for url, (status, _, _) in before.items() if status not in (200, 301)} == {}

    call_command("export_content", str(tmp_path / "export"), verbosity=0)
    empty_the_database()
    assert snapshot(client, urls) != before
    call_command("import_content", str(tmp_path / "export"), verbosity=0)

    after = snapshot(client, urls)
    for url in urls:
        assert after[url] == before[url], url


def test_files_are_markdown_with_front_matter_and_tables_are_data(db, tmp_path):
    call_command("load_demo_content", verbosity=0)

    call_command("export_content", str(tmp_path), verbosity=0)

    article = (tmp_path / "articles/glutamine-or-glutathione-for-leaky-gut.md").read_text()
    header, body = article.removeprefix("---\n").split("\n---\n", 1)
    front_matter = yaml.safe_load(header)
    assert front_matter["slug"] == "glutamine-or-glutathione-for-leaky-gut"
    assert front_matter["topic"] == "gut-health"
    assert front_matter["author"] == "GutGuide Editorial Team"
    assert front_matter["key_points"][0]["lead"] == "Glutamine acts directly."
    assert "body_html" not in front_matter and "version" not in front_matter
    assert body == Article.objects.get().body
    table = yaml.safe_load(
        (tmp_path / "comparisons/glutamine-vs-glutathione.md").read_text().split("\n---\n")[0][4:]
    )["table"]
    assert [subject["name"] for subject in table["subjects"]] == ["Glutamine", "Glutathione"]
    assert table["rows"][0]["feature"] == "Primary function"
    assert len(table["rows"][0]["values"]) == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "articles",
        "comparisons",
        "contributors",
        "disclaimer.md",
        "faq",
        "gutguide-export.yaml",
        "sources",
        "topics",
    ]


def test_import_updates_records_with_the_same_slug_and_leaves_others_alone(db, tmp_path):
    call_command("load_demo_content", verbosity=0)
    call_command("export_content", str(tmp_path), verbosity=0)
    article = Article.objects.get()
    article.title = "Changed here"
    article.save()
    other = make_article(slug="only-here")

    call_command("import_content", str(tmp_path), verbosity=0)

    assert Article.objects.get(pk=article.pk).title.startswith("Glutamine or Glutathione")
    assert Article.objects.filter(pk=other.pk).exists()
    assert Article.objects.count() == 2


def edit_front_matter(path, **changes):
    header, body = path.read_text().removeprefix("---\n").split("\n---\n", 1)
    data = yaml.safe_load(header)
    data.update(changes)
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}")


def test_import_is_all_or_nothing_and_lists_every_problem(db, tmp_path, capsys):
    call_command("load_demo_content", verbosity=0)
    call_command("export_content", str(tmp_path), verbosity=0)
    empty_the_database()
    edit_front_matter(tmp_path / "faq/glutamine-and-leaky-gut.md", article="no-such-article")
    edit_front_matter(tmp_path / "topics/gut-health.md", colour="green")
    article = tmp_path / "articles/glutamine-or-glutathione-for-leaky-gut.md"
    article.write_text(article.read_text() + "\n" + "[" * 20_000)

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_content", str(tmp_path), verbosity=0)

    errors = capsys.readouterr().err
    assert (
        "faq/glutamine-and-leaky-gut.md: article: There is no article “no-such-article”." in errors
    )
    assert "topics/gut-health.md: Unknown fields: colour." in errors
    assert "glutamine-or-glutathione-for-leaky-gut.md: body: Too many [ brackets" in errors
    assert not any(model.objects.exists() for model in CONTENT)


def test_import_checks_tables_as_the_admin_does(db, tmp_path, capsys):
    make_comparison(slug="t", rows=[("Dose", "1 g", "2 g")])
    call_command("export_content", str(tmp_path), verbosity=0)
    path = tmp_path / "comparisons/t.md"
    header, body = path.read_text().removeprefix("---\n").split("\n---\n", 1)
    data = yaml.safe_load(header)
    data["table"]["subjects"] = data["table"]["subjects"][:1]
    path.write_text(f"---\n{yaml.safe_dump(data)}---\n{body}")

    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path), verbosity=0)

    assert "a comparison has 2 to 4 subjects, this one 1" in capsys.readouterr().err
    assert Comparison.objects.get().subjects.count() == 2


def test_export_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("export_content", str(tmp_path), verbosity=0)


def test_import_refuses_a_folder_that_is_no_export(db, tmp_path):
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_content", str(tmp_path), verbosity=0)


def test_an_export_of_an_empty_site_imports_as_nothing(db, tmp_path):
    call_command("export_content", str(tmp_path), verbosity=0)

    call_command("import_content", str(tmp_path), verbosity=0)

    assert Path(tmp_path / "gutguide-export.yaml").is_file()
    assert not Article.objects.exists()


def test_export_refuses_two_contributors_of_one_name(db, tmp_path):
    make_contributor(name="Sam Lee", credentials="RD")
    make_contributor(name="Sam Lee", credentials="MD")

    with pytest.raises(CommandError, match="Two contributors have the name “Sam Lee”"):
        call_command("export_content", str(tmp_path / "out"), verbosity=0)

    assert not (tmp_path / "out").exists()
