"""Evidence grades as readers see them: a labelled badge in words beside each claim, linked
to "How we grade evidence"."""

import re

from django.urls import reverse
from pytest_django.asserts import assertHTMLEqual

from articles.models import KeyPoint, Reference
from evidence.models import Grade, StudyType
from tests.factories import make_article, make_comparison, make_question, make_source
from tests.pages import json_ld

GRADES_URL = reverse("evidence:grades")


def test_grades_page_defines_every_grade_and_study_type(client, db):
    html = client.get(GRADES_URL).text

    assert "<h1>How we grade evidence</h1>" in html
    for grade in Grade:
        assert f'id="{grade.value}"' in html
        assert f"Evidence: {grade.label.lower()}" in html
        assert grade.definition in html
    for study_type in StudyType:
        assert study_type.label in html
        assert study_type.description in html


def test_grades_page_is_linked_from_every_footer_and_the_sitemap(client, db):
    assert f'<a href="{GRADES_URL}">How we grade evidence</a>' in client.get("/").text
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert f"http://testserver{GRADES_URL}</loc>" in sitemap


def test_key_point_shows_its_grade_as_words_linked_to_its_definition(client, db):
    article = make_article()
    KeyPoint.objects.create(
        article=article, position=1, lead="Lead.", text="Text.", grade=Grade.VERY_LIMITED
    )
    KeyPoint.objects.create(article=article, position=2, lead="Other.", text="Ungraded.")

    html = client.get(article.get_absolute_url()).text

    point = re.search(r'<li id="key-point-1">.*?</li>', html, re.DOTALL)[0]
    assertHTMLEqual(
        point,
        f"""<li id="key-point-1"><strong>Lead.</strong> Text. <a class="grade
        grade--very_limited" href="{GRADES_URL}#very_limited">Evidence: very limited<span
        class="visually-hidden"> (what this means)</span></a></li>""",
    )
    ungraded = re.search(r'<li id="key-point-2">.*?</li>', html, re.DOTALL)[0]
    assert "Evidence:" not in ungraded


def test_faq_answer_shows_its_grade_on_the_article_and_on_the_faq_page(client, db):
    article = make_article()
    make_question(article=article, slug="why", grade=Grade.MODERATE)

    for url in (article.get_absolute_url(), reverse("faq:index")):
        html = client.get(url).text
        answer = html.split('class="faq__item"', 1)[1].split("</details>", 1)[0]
        assert "Evidence: moderate" in answer, url


def test_comparison_row_shows_grade_and_the_tables_own_numbered_sources(client, db):
    comparison = make_comparison(rows=[("Absorption", "good", "poor"), ("Taste", "a", "b")])
    first, second = comparison.rows.all()
    first.grade = Grade.LIMITED
    first.save()
    trial, other = make_source("zhou-2019", title="A trial"), make_source("allen-2011")
    first.sources.set([trial, other])
    second.sources.set([trial])
    comparison.store_table()

    html = client.get(comparison.get_absolute_url()).text

    absorption, taste = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.DOTALL)
    assert '<th scope="row">Absorption</th>' in absorption  # the header stays the feature
    evidence = absorption.split('class="comparison__evidence"', 1)[1]
    assert "Evidence: limited" in evidence
    # Numbered in the order they first appear in the table (by key within a row).
    assert re.findall(r'href="#comparison-a-vs-b-source-(\d)"', evidence) == ["1", "2"]
    assert re.findall(r'href="#comparison-a-vs-b-source-(\d)"', taste) == ["2"]
    assert "Not graded" not in absorption and "Evidence:" not in taste
    sources = html.split('class="comparison__sources"', 1)[1].split("</div>", 1)[0]
    assert '<li id="comparison-a-vs-b-source-1" value="1">' in sources
    assert sources.index("Study 2011") < sources.index("A trial")


def test_a_table_without_evidence_has_no_evidence_column(client, db):
    comparison = make_comparison(rows=[("Taste", "a", "b")])

    html = client.get(comparison.get_absolute_url()).text

    assert ">Evidence</th>" not in html and "comparison__sources" not in html


def test_a_sources_new_details_show_in_the_tables_that_cite_it(client, db):
    comparison = make_comparison(rows=[("Absorption", "good", "poor")])
    source = make_source("zhou-2019", title="Old title")
    comparison.rows.get().sources.set([source])
    comparison.store_table()

    source.title = "New title"
    source.save()

    html = client.get(comparison.get_absolute_url()).text
    assert "New title" in html and "Old title" not in html


def test_json_ld_cites_the_articles_references(client, db):
    article = make_article()
    doi = make_source("zhou-2019", title="A trial", doi="10.1136/gutjnl-2017-315136", url="")
    web = make_source("web-2020", title="A page", url="https://example.org/page")
    Reference.objects.create(article=article, position=1, source=doi)
    Reference.objects.create(article=article, position=2, source=web)

    (data,) = json_ld(client.get(article.get_absolute_url()).text)
    page = data["@graph"][0]

    assert page["citation"] == [
        {
            "@type": "ScholarlyArticle",
            "name": "A trial",
            "isPartOf": {"@type": "Periodical", "name": "Journal"},
            "datePublished": "2020",
            "sameAs": "https://doi.org/10.1136/gutjnl-2017-315136",
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": "10.1136/gutjnl-2017-315136",
            },
        },
        {
            "@type": "ScholarlyArticle",
            "name": "A page",
            "isPartOf": {"@type": "Periodical", "name": "Journal"},
            "datePublished": "2020",
            "url": "https://example.org/page",
        },
    ]
