"""Citations ([[cite key]] in the body, sources on key points and questions): numbered links
to the article's References and back, one numbering for the whole page, checked when the
editor saves."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertHTMLEqual

from articles import citations
from articles.models import Article, KeyPoint, Reference
from evidence.models import Grade, StudyType
from gutguide.models import Status
from tests.factories import make_article, make_question, make_references, make_source
from tests.pages import add_rows, admin_form

ADD_URL = reverse("admin:articles_article_add")


def test_cited_keys_in_order_once_each_in_lower_case():
    text = "A [[cite b-2020]], b [[cite a-2019, b-2020]] and [[cite C-2021]]. Not [cite d]."

    assert citations.keys(text) == ["b-2020", "a-2019", "c-2021"]


def test_a_citation_becomes_numbered_links_each_with_its_own_anchor():
    numbers = {"a-2019": 1, "b-2020": 2}

    html = citations.link(
        "<p>A claim [[cite b-2020]]. Two more [[cite b-2020, a-2019]].</p>", numbers
    )

    assertHTMLEqual(
        html,
        """<p>A claim<sup class="cite">[<a href="#ref-2" id="cite-2">
        <span class="visually-hidden">Reference </span>2</a>]</sup>. Two more<sup class="cite">
        [<a href="#ref-1" id="cite-1"><span class="visually-hidden">Reference
        </span>1</a>, <a href="#ref-2" id="cite-2-2"><span class="visually-hidden">Reference
        </span>2</a>]</sup>.</p>""",
    )
    assert citations.backlinks(html) == {2: ["cite-2", "cite-2-2"], 1: ["cite-1"]}


def test_code_shows_the_syntax_instead_of_linking_it():
    html = "<p>Write <code>[[cite a-1]]</code></p><pre><code>[[cite a-1]]</code></pre>"

    assert citations.link(html, {"a-1": 1}) == html


@pytest.mark.parametrize(
    "piece",
    [
        "[[ref 2]]",
        "[[cite]]",
        "[[ cite a-1 ]]",
        "[[Cite a-1]]",
        "[[cite a-1; b-2]]",
        "[[cite\na-1]]",
    ],
)
def test_almost_citations_are_reported(piece):
    assert citations.malformed(f"A claim {piece}.") == [piece]
    assert citations.malformed("A claim [[cite a-1, b-2]] and [[comparison x]].") == []


@pytest.fixture
def cited_article(db):
    """An article citing study-2 in a key point, study-1 twice and study-2 in the body,
    study-3 in a question; references 1 to 3 are study-1 to study-3."""
    article = make_article(
        body="## Claims\n\nFirst [[cite study-1]], again [[cite study-1]], then [[cite study-2]]."
    )
    make_references(article, 3)
    point = KeyPoint.objects.create(
        article=article, position=1, lead="Lead.", text="Text.", grade=Grade.MODERATE
    )
    point.sources.set([make_source("study-2")])
    question = make_question(article=article, slug="why", grade=Grade.LIMITED)
    question.sources.set([make_source("study-3"), make_source("study-1")])
    article.add_cited_references()
    return article


def test_reader_follows_each_citation_to_its_reference_and_back(client, cited_article):
    html = client.get(cited_article.get_absolute_url()).text
    references = html.split('id="references"', 1)[1]

    for target in re.findall(r'<a href="#(ref-\d+)" id="[^"]*cite-', html):
        assert f'<li id="{target}"' in references
    back = re.findall(r'<a class="references__back" href="#([^"]+)"', references)
    # Reference 1: the body twice, then the question; 2: the key point, then the body; 3:
    # the question.
    assert back == [
        "cite-1",
        "cite-1-2",
        "why-cite-1",
        "key-point-1-cite-2",
        "cite-2",
        "why-cite-3",
    ]
    for anchor in back:
        assert f'id="{anchor}"' in html
    assert "Back to citation 3 of reference 1 in the text" in references
    assert "Back to reference 3 in the text" in references
    assert '<a href="/how-we-grade-evidence/">How we grade evidence</a>' in references


def test_key_points_and_answers_use_the_numbers_of_the_references(client, cited_article):
    html = client.get(cited_article.get_absolute_url()).text

    key_point = re.search(r'<li id="key-point-1">.*?</li>', html, re.DOTALL)[0]
    assert re.findall(r'href="#ref-(\d)"', key_point) == ["2"]
    answer = html.split('id="why"', 1)[1].split("</details>", 1)[0]
    assert re.findall(r'href="#ref-(\d)"', answer) == ["1", "3"]


def test_reference_shows_authors_journal_study_type_and_a_doi_link(client, db):
    article = make_article()
    source = make_source(
        "zhou-2019",
        authors="Zhou Q, Verne ML, Fields JZ, et al",
        title="Randomised placebo-controlled trial",
        journal="Gut",
        year=2019,
        doi="https://doi.org/10.1136/gutjnl-2017-315136",
        url="",
        study_type=StudyType.RCT,
    )
    Reference.objects.create(article=article, position=1, source=source)

    html = client.get(article.get_absolute_url()).text

    assert (
        "Zhou Q, Verne ML, Fields JZ, et al. Randomised placebo-controlled trial. <i>Gut</i>, "
        '2019. <a href="https://doi.org/10.1136/gutjnl-2017-315136" rel="noopener noreferrer">'
        "doi:10.1136/gutjnl-2017-315136</a>"
    ) in html
    assert '<span class="reference__type">Randomised controlled trial.</span>' in html


def article_citing(client, body, references=()):
    data = admin_form(client, ADD_URL)
    data.update({"title": "Cited", "slug": "cited", "status": Status.DRAFT, "body": body})
    return add_rows(data, "references", references)


def test_citing_an_unknown_key_is_an_error_naming_the_key(staff_client):
    make_source("study-1")
    data = article_citing(staff_client, "Claim [[cite study-1]] and [[cite smith-2031]].")

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert (
        "No source has the key “smith-2031”: fix [[cite smith-2031]], or add the source under "
        "Evidence › Sources first."
    ) in response.text
    assert "Claim [[cite study-1]] and [[cite smith-2031]]." in response.text  # text kept
    assert not Article.objects.exists()


def test_cited_sources_join_the_references_on_save_in_reading_order(staff_client):
    first, second = make_source("study-1"), make_source("study-2")
    third = make_source("study-3")
    data = article_citing(
        staff_client, "Claim [[cite study-2]]. More [[cite study-1]].", [{"source": third.pk}]
    )
    add_rows(data, "key_points", [{"lead": "Lead.", "text": "Text.", "sources": [first.pk]}])

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    # The editor's reference first; then the key point's source, then the body's.
    assert list(article.references.values_list("position", "source__key")) == [
        (1, "study-3"),
        (2, "study-1"),
        (3, "study-2"),
    ]
    assert '<a href="#ref-3" id="cite-3">' in article.body_html
    assert '<a href="#ref-2" id="cite-2">' in article.body_html
    assert second.references.get().article == article


def test_reordering_the_references_renumbers_the_body(staff_client, cited_article):
    url = reverse("admin:articles_article_change", args=[cited_article.pk])
    data = admin_form(staff_client, url)
    data["references-0-position"], data["references-1-position"] = "2", "1"

    assert staff_client.post(url, data).status_code == 302

    cited_article.refresh_from_db()
    assert citations.backlinks(cited_article.body_html) == {
        2: ["cite-2", "cite-2-2"],
        1: ["cite-1"],
    }


def test_removing_a_reference_the_body_cites_is_an_error(staff_client, cited_article):
    url = reverse("admin:articles_article_change", args=[cited_article.pk])
    data = admin_form(staff_client, url)
    data["references-1-DELETE"] = "on"

    response = staff_client.post(url, data)

    assert (
        "The body cites “study-2” ([[cite study-2]]): remove the citation from the body "
        "first, or keep the reference."
    ) in response.text
    assert cited_article.references.count() == 3


def test_former_ref_syntax_is_explained(staff_client):
    data = article_citing(staff_client, "Claim [[ref 1]].")

    response = staff_client.post(ADD_URL, data)

    assert (
        "“[[ref 1]]” is not a citation: write [[cite camilleri-2019]], or "
        "[[cite rao-2012, zhou-2019]] for several."
    ) in response.text
