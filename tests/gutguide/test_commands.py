"""Management commands: demo content, admin login, re-rendering."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Contributor, Disclaimer, KeyPoint, Reference, Topic
from comparisons.models import Comparison, ComparisonRow, ComparisonValue
from faq.models import Question

DEMO_SLUG = "glutamine-or-glutathione-for-leaky-gut"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_content_is_complete(client, db):
    run("load_demo_content")

    article = Article.objects.get(slug=DEMO_SLUG)
    assert article.is_public
    assert article.topic.slug == "gut-health"
    assert article.key_points.count() == 6
    assert [entry["title"] for entry in article.toc] == [
        "Glutamine's direct role in gut repair",
        "Glutathione's antioxidant and anti-inflammatory action",
        "Side-by-side comparison",
        "Using both together",
        "A holistic strategy",
        "Conclusion",
    ]
    # Both supplements' sections are told alike: three sub-sections each.
    assert [len(entry["children"]) for entry in article.toc[:2]] == [3, 3]
    assert 3 <= article.reading_time <= 6
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Glutamine or Glutathione" in page.text


def test_demo_article_cites_the_checked_sources_with_their_dois(client, db):
    run("load_demo_content")
    article = Article.objects.get(slug=DEMO_SLUG)

    assert [
        (r.position, r.source.authors.split()[0], r.source.year, r.source.doi)
        for r in article.references.all()
    ] == [
        (1, "Camilleri", 2019, "10.1136/gutjnl-2019-318427"),
        (2, "Rao", 2012, "10.2174/1875044301205010047"),
        (3, "Zhou", 2019, "10.1136/gutjnl-2017-315136"),
        (4, "Allen", 2011, ""),  # checked without a DOI: none rather than a guessed one
        (5, "Richie", 2015, "10.1007/s00394-014-0706-z"),
        (6, "Sinha", 2018, "10.1038/ejcn.2017.132"),
    ]
    html = client.get(article.get_absolute_url()).text
    # Every source is cited in the text, numbered in order of first citation, and linked.
    cited = [int(n) for n in re.findall(r'<a href="#ref-(\d+)" id="cite-\d+"', html)]
    assert cited == [1, 2, 3, 4, 5, 6]
    assert '<a href="https://doi.org/10.1136/gutjnl-2017-315136"' in html
    # Further reading is a link in the text, not a reference.
    assert "ifm.org" not in html.split('id="references"', 1)[1]
    assert 'href="https://www.ifm.org/"' in html


def test_every_demo_claim_is_graded_and_cited_only_where_a_source_supports_it(client, db):
    run("load_demo_content")

    claims = [*KeyPoint.objects.all(), *ComparisonRow.objects.all(), *Question.objects.all()]
    assert len(claims) == 6 + 7 + 7
    # A claim none of the six checked sources speaks to cites none (the editorial checks
    # list it for the reviewer) rather than a source that does not support it.
    uncited = {"In food", "Is it safe to take glutamine and glutathione together?"}
    uncited.add("Which foods provide glutamine, and which support glutathione?")
    for claim in claims:
        assert claim.grade, claim
        assert claim.sources.exists() == (str(claim) not in uncited), claim
    grades = {
        str(claim): (claim.grade, sorted(s.key for s in claim.sources.all())) for claim in claims
    }
    # Glutamine and the barrier: moderate, mostly experimental; swallowed glutathione raising
    # body stores: limited, small trials with mixed results.
    assert grades["Glutamine acts directly."] == ("moderate", ["rao-2012", "zhou-2019"])
    assert grades["Why is oral glutathione poorly absorbed?"] == (
        "limited",
        ["allen-2011", "richie-2015", "sinha-2018"],
    )
    assert grades["Absorption"][0] == "limited"
    html = client.get(f"/articles/{DEMO_SLUG}/").text
    assert html.count("Evidence: moderate") >= 2
    assert "Evidence: very limited" in html
    assert "Sources for this table" in html


def test_demo_article_names_no_placeholder_reviewer(client, db):
    Contributor.objects.create(name="Demo medical reviewer", credentials="placeholder")
    run("load_demo_content")

    html = client.get(f"/articles/{DEMO_SLUG}/").text

    assert "reviewed" not in html.lower().split("</header>", 1)[0]
    assert "placeholder" not in html.lower() and "reviewedBy" not in html
    assert not Contributor.objects.filter(name="Demo medical reviewer").exists()


def test_loading_demo_content_twice_changes_nothing(db):
    first = run("load_demo_content")
    article = Article.objects.get(slug=DEMO_SLUG)
    snapshot = (article.updated_at, article.published_at, list(KeyPoint.objects.values()))

    second = run("load_demo_content")

    article.refresh_from_db()
    assert "loaded" in first
    assert "already up to date" in second
    assert (article.updated_at, article.published_at, list(KeyPoint.objects.values())) == snapshot
    assert (Article.objects.count(), Topic.objects.count(), Contributor.objects.count()) == (
        1,
        1,
        1,
    )
    assert (Reference.objects.count(), Disclaimer.objects.count()) == (6, 1)


def test_demo_content_refresh_repairs_edits(db):
    run("load_demo_content")
    article = Article.objects.get(slug=DEMO_SLUG)
    article.title = "Edited"
    article.save()
    KeyPoint.objects.filter(article=article, position=6).delete()

    run("load_demo_content")

    article.refresh_from_db()
    assert article.title.startswith("Glutamine or Glutathione")
    assert article.key_points.count() == 6


def test_ensure_admin_creates_one_login_with_a_random_password(db, monkeypatch):
    for name in ("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)

    first = run("ensure_admin")
    second = run("ensure_admin")

    password = re.search(r"password: (\S+)", first).group(1)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 16
    assert password not in second
    assert "Admin login exists" in second
    assert User.objects.count() == 1


def test_ensure_admin_honours_django_superuser_variables(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chief")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-chosen-password-123")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "chief@example.org")

    run("ensure_admin")
    run("ensure_admin")

    chief = User.objects.get()
    assert chief.username == "chief" and chief.check_password("a-chosen-password-123")


@pytest.mark.parametrize("stale", ["<p>old pipeline</p>", ""])
def test_rerender_markdown_rebuilds_stored_html(db, stale):
    run("load_demo_content")
    Article.objects.update(body_html=stale, toc=[], reading_time=99)
    ComparisonValue.objects.update(text_html=stale)
    Question.objects.update(answer_html=stale)
    Comparison.objects.update(table_html=stale)
    updated_at = Article.objects.get().updated_at

    output = run("rerender_markdown")

    article = Article.objects.get()
    assert "Re-rendered 1 articles." in output
    assert '<h2 id="conclusion">Conclusion</h2>' in article.body_html
    assert '<a href="#ref-3" id="cite-3">' in article.body_html
    assert len(article.toc) == 6
    assert article.reading_time < 99
    assert article.updated_at == updated_at
    assert "Re-rendered 14 comparison values." in output
    assert "Re-rendered 7 questions." in output
    assert all(q.answer_html.startswith("<p>") for q in Question.objects.all())
    assert ComparisonValue.objects.get(text__startswith="**Directly**").text_html.startswith(
        "<strong>Directly</strong>"
    )
    assert "</span><strong>Directly</strong>" in Comparison.objects.get().table_html


def test_demo_comparison_is_placed_in_the_comparison_section(client, db):
    run("load_demo_content")

    comparison = Comparison.objects.get(slug="glutamine-vs-glutathione")
    assert comparison.is_public
    assert [s.name for s in comparison.subjects.all()] == ["Glutamine", "Glutathione"]
    assert comparison.rows.count() == 7
    assert all(row.values.count() == 2 for row in comparison.rows.all())
    html = client.get(f"/articles/{DEMO_SLUG}/").text
    section = html.index('id="side-by-side-comparison"')
    assert section < html.index("<caption>") < html.index('id="using-both-together"')


def test_demo_comparison_reload_changes_nothing(db):
    run("load_demo_content")
    before = (
        Comparison.objects.get().updated_at,
        list(ComparisonValue.objects.values_list("pk", "text")),
    )

    run("load_demo_content")

    after = (
        Comparison.objects.get().updated_at,
        list(ComparisonValue.objects.values_list("pk", "text")),
    )
    assert after == before


def test_rerender_markdown_keeps_texts_saved_before_the_limits_and_says_so(db):
    run("load_demo_content")
    Article.objects.update(body="[" * 20_000, body_html="<p>as it was</p>")
    errors = StringIO()

    call_command("rerender_markdown", stdout=StringIO(), stderr=errors)

    assert Article.objects.get().body_html == "<p>as it was</p>"
    assert "over the Markdown limits: Too many [ brackets" in errors.getvalue()
    assert Question.objects.first().answer_html.startswith("<p>")
