"""What a reader sees of the FAQs: on the article page and on /faq/, and the FAQPage data."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from gutguide.models import Status
from tests.factories import (
    make_article,
    make_key_points,
    make_question,
    make_references,
    make_topic,
)
from tests.pages import faq_pages, shown_questions, structured_questions

FAQ_URL = "/faq/"


@pytest.fixture
def questions(article):
    """Three published questions on the article, made out of order, and a draft first."""
    make_question(question="Draft: is fibre magic?", article=article, status=Status.DRAFT, order=0)
    second = make_question(
        question="Does fibre cause gas?", answer="Sometimes.", slug="gas", article=article, order=2
    )
    first = make_question(
        question="How much fibre a day?",
        answer="About **30 g**.",
        slug="how-much",
        article=article,
        order=1,
    )
    third = make_question(
        question="Soluble or insoluble?",
        answer="Both:\n\n- oats\n- bran",
        slug="soluble",
        article=article,
        order=3,
    )
    return [first, second, third]


# The article page -----------------------------------------------------------------------------


def test_article_page_shows_its_published_questions_in_order_as_details(client, questions):
    html = client.get(questions[0].article.get_absolute_url()).text

    assert [(slug, question) for slug, question, _, _ in shown_questions(html)] == [
        ("how-much", "How much fibre a day?"),
        ("gas", "Does fibre cause gas?"),
        ("soluble", "Soluble or insoluble?"),
    ]
    assert "Draft: is fibre magic?" not in html
    assert '<h2 id="faqs">Frequently asked questions</h2>' in html
    assert "<script" not in html.split('id="faqs"', 1)[1].split("</section>", 1)[0]


def test_each_question_has_its_answer_and_an_anchor_link(client, questions):
    html = client.get(questions[0].article.get_absolute_url()).text

    slug, _, answer, links = shown_questions(html)[0]
    assert answer == "<p>About <strong>30 g</strong>.</p>"
    assert f'<a href="#{slug}">Link to this answer' in links
    assert "From the article" not in links  # readers are already on it


def test_questions_come_after_the_body_and_before_the_references(client, questions):
    article = questions[0].article
    make_references(article, 1)

    html = client.get(article.get_absolute_url()).text

    assert (
        html.index("It feeds bacteria.") < html.index('id="faqs"') < html.index('id="references"')
    )


def test_table_of_contents_leads_to_the_questions_and_the_references(client, questions):
    article = questions[0].article
    make_references(article, 1)

    html = client.get(article.get_absolute_url()).text

    toc = html.split('aria-labelledby="in-this-article"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', toc)[-2:] == ["faqs", "references"]


def test_article_without_published_questions_has_no_faq_section_or_faqpage(client, article):
    make_question(article=article, status=Status.DRAFT)

    html = client.get(article.get_absolute_url()).text

    assert 'id="faqs"' not in html
    assert 'href="#faqs"' not in html
    assert faq_pages(html) == []


def test_article_faqpage_matches_the_visible_questions_exactly(client, questions):
    html = client.get(questions[0].article.get_absolute_url()).text

    visible = [(question, answer) for _, question, answer, _ in shown_questions(html)]
    assert structured_questions(html) == visible
    assert len(visible) == 3
    graph = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)[1]
    )["@graph"]
    assert [node["@type"] for node in graph] == ["MedicalWebPage", "BreadcrumbList", "FAQPage"]
    assert graph[2]["url"] == "http://testserver/articles/fibre-and-the-microbiome/"


def test_question_text_is_escaped_in_the_page_and_safe_in_the_json_ld(client, article):
    make_question(
        question="Is <script>alert(1)</script> & co safe?",
        answer="Not </script><script>alert(2)</script> at all.",
        article=article,
    )

    html = client.get(article.get_absolute_url()).text

    assert "<script>alert" not in html
    assert "Is &lt;script&gt;alert(1)&lt;/script&gt; &amp; co safe?" in html
    assert structured_questions(html) == [
        ("Is <script>alert(1)</script> & co safe?", "<p>Not  at all.</p>")
    ]


def test_staff_preview_of_a_draft_article_shows_its_published_questions(staff_client, db):
    article = make_article(status=Status.DRAFT)
    make_question(question="Shown in preview?", article=article)
    make_question(question="Still a draft?", article=article, status=Status.DRAFT)

    html = staff_client.get(article.get_absolute_url()).text

    assert [question for _, question, _, _ in shown_questions(html)] == ["Shown in preview?"]


@pytest.mark.parametrize("count", [1, 30])
def test_article_page_questions_take_one_query_however_many(
    client, topic, django_assert_max_num_queries, count
):
    article = make_article(topic=topic)
    make_key_points(article, 3)
    for n in range(count):
        make_question(article=article, topic=topic, order=n)

    # article (with topic, people and disclaimer), key points, references, questions, related;
    # plus, at most, one for the comparison tables placed in the body (none here).
    with django_assert_max_num_queries(5):
        response = client.get(article.get_absolute_url())

    assert len(shown_questions(response.text)) == count


# /faq/ ----------------------------------------------------------------------------------------


def group_headings(html):
    return re.findall(r'<h2 id="faq-group-\d+">(.*?)</h2>', html)


def test_faq_page_groups_questions_by_topic_with_the_topicless_last(client, db):
    gut = make_topic()
    diet = make_topic(name="Diet", slug="diet")
    article = make_article(topic=gut)
    make_question(question="Standalone, no topic?", slug="loose")
    make_question(question="Gut, via its article?", slug="via-article", article=article, order=2)
    make_question(question="Diet question?", slug="diet-q", topic=diet)
    make_question(question="Gut, own topic?", slug="own-topic", topic=gut, order=1)

    html = client.get(FAQ_URL).text

    assert group_headings(html) == ["Diet", "Gut health", "Other questions"]
    assert [question for _, question, _, _ in shown_questions(html)] == [
        "Diet question?",
        "Gut, own topic?",
        "Gut, via its article?",
        "Standalone, no topic?",
    ]


def test_faq_page_keeps_each_articles_questions_together_in_their_order(client, topic):
    alpha = make_article(title="Alpha", slug="alpha", topic=topic)
    beta = make_article(title="Beta", slug="beta", topic=topic)
    make_question(question="Beta two?", article=beta, order=2)
    make_question(question="Alpha two?", article=alpha, order=2)
    make_question(question="Beta one?", article=beta, order=1)
    make_question(question="Alpha one?", article=alpha, order=1)

    html = client.get(FAQ_URL).text

    assert [question for _, question, _, _ in shown_questions(html)] == [
        "Alpha one?",
        "Alpha two?",
        "Beta one?",
        "Beta two?",
    ]


def test_faq_page_links_each_question_to_its_anchor_and_article(client, questions):
    html = client.get(FAQ_URL).text

    anchor, _, _, links = shown_questions(html)[0]
    # Slugs are unique per article: on /faq/ the article's slug makes the anchor unique.
    assert anchor == "fibre-and-the-microbiome--how-much"
    assert f'<a href="#{anchor}">Link to this answer' in links
    article_link = '<a href="/articles/fibre-and-the-microbiome/">Fibre and the microbiome</a>'
    assert f"From the article {article_link}" in links


@pytest.mark.parametrize(
    ("question_overrides", "article_overrides"),
    [
        ({"status": Status.DRAFT}, None),
        ({"status": Status.REVIEW}, None),
        ({}, {"status": Status.DRAFT}),
        ({}, {"published_at": timezone.now() + datetime.timedelta(days=1)}),
    ],
    ids=["draft-question", "question-in-review", "on-draft-article", "on-future-article"],
)
def test_faq_page_hides_what_readers_may_not_see(client, db, question_overrides, article_overrides):
    article = None if article_overrides is None else make_article(**article_overrides)
    make_question(question="Visible?", slug="visible")
    make_question(question="Hidden?", slug="hidden", article=article, **question_overrides)

    html = client.get(FAQ_URL).text

    assert [question for _, question, _, _ in shown_questions(html)] == ["Visible?"]
    assert "Hidden?" not in html
    assert structured_questions(html) == [("Visible?", "<p>Answer <strong>1</strong>.</p>")]


def test_faq_page_faqpage_matches_the_visible_questions_exactly(client, db):
    gut = make_topic()
    diet = make_topic(name="Diet", slug="diet")
    article = make_article(topic=gut)
    make_question(question="No topic?", answer="Plain.")
    make_question(question="Gut?", article=article, answer="A [link](https://example.org).")
    make_question(question="Diet?", topic=diet, answer="- one\n- two")

    html = client.get(FAQ_URL).text

    visible = [(question, answer) for _, question, answer, _ in shown_questions(html)]
    assert [question for question, _ in visible] == ["Diet?", "Gut?", "No topic?"]
    assert structured_questions(html) == visible
    (faq_page,) = faq_pages(html)
    assert faq_page["url"] == "http://testserver/faq/"


def test_empty_faq_page_says_so_and_has_no_faqpage(client, db):
    response = client.get(FAQ_URL)

    assert response.status_code == 200
    assert "There are no questions here yet." in response.text
    assert faq_pages(response.text) == []


def test_faq_pages_query_count_does_not_grow_with_250_questions_over_20_topics(
    client, db, django_assert_max_num_queries
):
    topics = [make_topic(name=f"Topic {n:02}", slug=f"topic-{n}") for n in range(20)]
    articles = [make_article(slug=f"article-{n}", topic=topics[n]) for n in range(20)]
    for n in range(250):
        make_question(
            question=f"Question {n}?",
            slug=f"q-{n}",
            article=articles[n % 20] if n % 2 else None,
            topic=None if n % 4 == 1 else topics[n % 20],
        )

    # How many questions there are, the page's place in the order, those questions with their
    # topics and articles, the site-wide disclaimer: whatever the page.
    pages = []
    for page in ("1", "2", "3"):
        with django_assert_max_num_queries(4):
            pages.append(client.get(FAQ_URL, {"page": page}).text)

    assert [len(shown_questions(html)) for html in pages] == [100, 100, 50]
    assert [len(structured_questions(html)) for html in pages] == [100, 100, 50]
    headings = [heading for html in pages for heading in group_headings(html)]
    assert len(set(headings)) == 20
    assert 'href="?page=2"' in pages[0]


def test_every_page_links_to_the_faq(client, db):
    assert '<a href="/faq/">FAQ</a>' in client.get("/").text


def test_faq_page_has_title_description_and_canonical_url(client, db):
    head = client.get(FAQ_URL).text.split("</head>", 1)[0]

    assert "<title>Frequently asked questions · GutGuide</title>" in head
    assert '<link rel="canonical" href="http://testserver/faq/">' in head


def test_faq_page_for_one_topic_lists_the_questions_listed_under_it(client, db):
    gut = make_topic()
    diet = make_topic(name="Diet", slug="diet")
    gut_article = make_article(slug="gut-article", topic=gut)
    make_question(question="Own topic?", slug="own", topic=gut)
    make_question(question="Through its article?", slug="through", article=gut_article)
    make_question(
        question="Other topic on the article?", slug="moved", article=gut_article, topic=diet
    )
    make_question(question="Diet only?", slug="diet-only", topic=diet)

    response = client.get(FAQ_URL, {"topic": "gut-health"})

    assert response.status_code == 200
    assert [question for _, question, _, _ in shown_questions(response.text)] == [
        "Own topic?",
        "Through its article?",
    ]
    assert "<h1>Gut health: frequently asked questions</h1>" in response.text
    assert '<link rel="canonical" href="http://testserver/faq/?topic=gut-health">' in response.text
    assert len(structured_questions(response.text)) == 2


@pytest.mark.parametrize("topic", ["nothing", "<script>", ""])
def test_faq_page_for_an_unknown_topic_is_a_404(client, db, topic):
    make_topic()

    assert client.get(FAQ_URL, {"topic": topic}).status_code == 404


def test_faq_topic_with_a_nul_byte_is_a_400(client, db):
    make_topic()

    assert client.get(FAQ_URL, {"topic": "gut\x00"}).status_code == 400
