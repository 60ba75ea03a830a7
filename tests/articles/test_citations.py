"""Citations in the body ([[ref N]]): numbered links to the References list and back, checked
when the editor saves."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertHTMLEqual

from articles import citations
from articles.models import Article, Reference
from gutguide.models import Status
from tests.factories import make_article, make_references
from tests.pages import add_rows, admin_form

ADD_URL = reverse("admin:articles_article_add")


def test_cited_numbers_in_order_once_each():
    text = "A [[ref 2]], b [[ref 1, 2]] and c [[ref 3,4]]. Not [[ref x]] nor [ref 5]."

    assert citations.numbers(text) == [2, 1, 3, 4]


def test_a_citation_becomes_numbered_links_each_with_its_own_anchor():
    html = citations.link("<p>A claim [[ref 2]]. Two more [[ref 1, 2]].</p>")

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
    html = "<p>Write <code>[[ref 1]]</code></p><pre><code>[[ref 2]]</code></pre>"

    assert citations.link(html) == html


@pytest.mark.parametrize("piece", ["[[ref two]]", "[[ refs 1 ]]", "[[Ref 1]]", "[[ref 1;2]]"])
def test_almost_citations_are_reported(piece):
    assert citations.malformed(f"A claim {piece}.") == [piece]
    assert citations.malformed("A claim [[ref 1, 2]] and [[comparison x]].") == []


@pytest.fixture
def cited_article(db):
    article = make_article(body="## Claims\n\nFirst [[ref 1]], again [[ref 1]], then [[ref 2]].")
    make_references(article, 2)
    return article


def test_reader_follows_a_citation_to_its_reference_and_back(client, cited_article):
    html = client.get(cited_article.get_absolute_url()).text
    references = html.split('id="references"', 1)[1]

    for target in re.findall(r'<a href="#(ref-\d+)" id="cite-', html):
        assert f'<li id="{target}"' in references
    back = re.findall(r'<a class="references__back" href="#([^"]+)"', references)
    assert back == ["cite-1", "cite-1-2", "cite-2"]
    for anchor in back:
        assert f'id="{anchor}"' in html
    assert "Back to citation 2 of reference 1 in the text" in references
    assert "Back to reference 2 in the text" in references


def test_reference_shows_authors_journal_and_a_doi_link(client, db):
    article = make_article()
    Reference.objects.create(
        article=article,
        position=1,
        authors="Zhou Q, Verne ML, Fields JZ, et al",
        title="Randomised placebo-controlled trial",
        publisher="Gut",
        year=2019,
        doi="10.1136/gutjnl-2017-315136",
    )

    html = client.get(article.get_absolute_url()).text

    assert (
        "Zhou Q, Verne ML, Fields JZ, et al. Randomised placebo-controlled trial. <i>Gut</i>, "
        '2019. <a href="https://doi.org/10.1136/gutjnl-2017-315136" rel="noopener noreferrer">'
        "doi:10.1136/gutjnl-2017-315136</a>"
    ) in html


def article_citing(client, body, references):
    data = admin_form(client, ADD_URL)
    data.update({"title": "Cited", "slug": "cited", "status": Status.DRAFT, "body": body})
    return add_rows(data, "references", references)


def reference(position, **fields):
    return {"position": position, "title": f"Source {position}", **fields}


def test_citing_a_reference_the_article_does_not_have_is_an_error(staff_client):
    data = article_citing(staff_client, "Claim [[ref 1]] and [[ref 3]].", [reference(1)])

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert (
        "The body cites reference 3 ([[ref 3]]), but there is no reference 3: add it here, or "
        "change the citation in the body."
    ) in response.text
    assert "Claim [[ref 1]] and [[ref 3]]." in response.text  # the editor's text is kept
    assert not Article.objects.exists()


def test_deleting_a_cited_reference_is_an_error(staff_client, cited_article):
    url = reverse("admin:articles_article_change", args=[cited_article.pk])
    data = admin_form(staff_client, url)
    data["references-1-DELETE"] = "on"

    response = staff_client.post(url, data)

    assert "The body cites reference 2 ([[ref 2]])" in response.text
    assert cited_article.references.count() == 2


def test_citations_with_their_references_save(staff_client):
    data = article_citing(
        staff_client,
        "Claim [[ref 1, 2]].",
        [reference(1, doi="10.1136/gutjnl-2019-318427"), reference(2, url="https://example.org")],
    )

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert '<a href="#ref-2" id="cite-2">' in Article.objects.get().body_html


def test_malformed_citation_and_malformed_doi_are_explained(staff_client):
    data = article_citing(staff_client, "Claim [[ref one]].", [reference(1, doi="doi:10.1/x")])

    response = staff_client.post(ADD_URL, data)

    assert "“[[ref one]]” is not a citation: write [[ref 2]]" in response.text
    assert "A DOI looks like" in response.text
