"""Editors at work: questions inline on the article's page, and the question list."""

import pytest
from django.urls import reverse

from faq.models import MAX_ANSWER_LENGTH, Question
from gutguide.models import Status
from tests.factories import make_article, make_question, make_staff_user, make_topic
from tests.pages import add_rows, admin_form, shown_questions


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def article_with_questions(topic):
    article = make_article(topic=topic)
    make_question(question="Is fibre safe?", slug="safe", article=article, order=1)
    make_question(question="How much a day?", slug="how-much", article=article, order=2)
    return article


def test_article_change_page_lists_its_questions_in_order_with_live_preview(
    staff_client, article_with_questions
):
    html = staff_client.get(change_url(article_with_questions)).text

    group = html.split('id="questions-group"', 1)[1]
    assert "Frequently asked questions" in group
    assert group.index('value="Is fibre safe?"') < group.index('value="How much a day?"')
    # Both rows and the "Add another" template have the Markdown editor with its preview.
    assert group.count('class="markdownx"') == 3
    assert "js/markdownx-inlines.js" in html
    assert "Add another Question" in html


def test_new_inline_rows_are_numbered_after_the_existing_questions(
    staff_client, article_with_questions
):
    data = admin_form(staff_client, change_url(article_with_questions))

    assert data["questions-__prefix__-order"] == "3"


def test_inline_round_trip_edits_adds_and_deletes_questions(staff_client, article_with_questions):
    article = article_with_questions
    data = admin_form(staff_client, change_url(article))
    assert data["questions-0-question"] == "Is fibre safe?"
    assert data["questions-1-answer"] == "Answer **2**."
    data["questions-0-question"] = "Is fibre safe for everyone?"
    data["questions-0-answer"] = "Mostly. Start **slowly**."
    data["questions-1-DELETE"] = "on"
    add_rows(
        data,
        "questions",
        [
            {
                "question": "Does fibre help sleep?",
                "slug": "fibre-sleep",
                "answer": "Perhaps:\n\n- regular meals\n- less sugar",
                "status": Status.PUBLISHED,
                "order": data["questions-__prefix__-order"],
            }
        ],
    )

    response = staff_client.post(change_url(article), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert [(q.question, q.slug, q.order) for q in article.questions.all()] == [
        ("Is fibre safe for everyone?", "safe", 1),
        ("Does fibre help sleep?", "fibre-sleep", 2),
    ]
    new = Question.objects.get(slug="fibre-sleep")
    assert (
        new.answer_html
        == "<p>Perhaps:</p>\n<ul>\n<li>regular meals</li>\n<li>less sugar</li>\n</ul>"
    )
    page = staff_client.get(article.get_absolute_url()).text
    assert [(question, answer) for _, question, answer, _ in shown_questions(page)] == [
        ("Is fibre safe for everyone?", "<p>Mostly. Start <strong>slowly</strong>.</p>"),
        ("Does fibre help sleep?", new.answer_html),
    ]


def test_saving_the_article_unchanged_leaves_its_questions_alone(
    staff_client, article_with_questions
):
    before = list(Question.objects.values())

    url = change_url(article_with_questions)
    response = staff_client.post(url, admin_form(staff_client, url))

    assert response.status_code == 302
    assert list(Question.objects.values()) == before


def assert_kept_with_error(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    for text in kept:
        assert text in response.text


def test_empty_inline_question_keeps_the_editors_answer(staff_client, article_with_questions):
    data = admin_form(staff_client, change_url(article_with_questions))
    data["questions-0-question"] = ""
    data["questions-0-answer"] = "My careful new answer."

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(response, "This field is required.", "My careful new answer.")
    assert Question.objects.get(slug="safe").question == "Is fibre safe?"


@pytest.mark.parametrize("asked_again", ["Is fibre safe?", "IS FIBRE SAFE?"])
def test_question_asked_twice_in_an_article_is_refused_with_text_kept(
    staff_client, article_with_questions, asked_again
):
    data = add_rows(
        admin_form(staff_client, change_url(article_with_questions)),
        "questions",
        [
            {
                "question": asked_again,
                "slug": "safe-again",
                "answer": "A second, carefully written answer.",
                "status": Status.DRAFT,
                "order": 3,
            }
        ],
    )

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(
        response,
        "This article already has this question.",
        "A second, carefully written answer.",
        f'value="{asked_again}"',
    )
    assert Question.objects.count() == 2


def test_two_new_rows_with_the_same_question_are_refused(staff_client, article_with_questions):
    data = add_rows(
        admin_form(staff_client, change_url(article_with_questions)),
        "questions",
        [
            {
                "question": "Is it vegan?",
                "slug": "vegan",
                "answer": "Yes.",
                "status": Status.DRAFT,
                "order": 3,
            },
            {
                "question": "Is it Vegan?",
                "slug": "vegan-2",
                "answer": "Still yes.",
                "status": Status.DRAFT,
                "order": 4,
            },
        ],
    )

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(response, "This article already has this question.", "Still yes.")
    assert Question.objects.count() == 2


def test_overlong_inline_answer_is_explained_and_kept(staff_client, article_with_questions):
    data = admin_form(staff_client, change_url(article_with_questions))
    long_answer = "Kept text. " + "x" * MAX_ANSWER_LENGTH
    data["questions-0-answer"] = long_answer

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(
        response,
        f"Keep the answer to at most 5000 characters (it has {len(long_answer)})",
        long_answer,
    )


def test_an_anchor_used_by_another_article_can_be_reused(staff_client, article_with_questions):
    other = make_article(slug="other-article")
    make_question(question="Elsewhere?", slug="taken", article=other)
    data = add_rows(
        admin_form(staff_client, change_url(article_with_questions)),
        "questions",
        [{"question": "New one?", "slug": "taken", "answer": "Fine."}],
    )

    response = staff_client.post(change_url(article_with_questions), data)

    assert response.status_code == 302, response.context["errors"]
    assert article_with_questions.questions.filter(slug="taken").exists()


def test_an_anchor_twice_in_one_article_is_refused(staff_client, article_with_questions):
    taken = article_with_questions.questions.first().slug
    data = add_rows(
        admin_form(staff_client, change_url(article_with_questions)),
        "questions",
        [{"question": "New one?", "slug": taken, "answer": "Keep me."}],
    )

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(response, "Another question of this article has this slug.", "Keep me.")


def test_two_new_questions_with_one_anchor_are_refused(staff_client, article_with_questions):
    data = add_rows(
        admin_form(staff_client, change_url(article_with_questions)),
        "questions",
        [
            {"question": "First new?", "slug": "same", "answer": "One."},
            {"question": "Second new?", "slug": "same", "answer": "Keep me too."},
        ],
    )

    response = staff_client.post(change_url(article_with_questions), data)

    assert_kept_with_error(response, "Please correct the duplicate data for slug.", "Keep me too.")


def test_editors_without_faq_permissions_do_not_get_the_inline(client, article):
    client.force_login(make_staff_user("writer", apps=["articles"]))

    html = client.get(change_url(article)).text

    assert 'id="questions-group"' not in html


# The question list and form -------------------------------------------------------------------


@pytest.fixture
def listed(db):
    gut = make_topic()
    sleep = make_topic(name="Sleep", slug="sleep")
    fibre = make_article(title="Fibre basics", slug="fibre")
    make_question(question="Is fibre safe?", article=fibre, topic=gut)
    make_question(question="Why nap?", topic=sleep, status=Status.DRAFT)
    make_question(question="What is kefir?", answer="A fermented **milk** drink.", topic=gut)
    return {"gut": gut, "sleep": sleep, "fibre": fibre}


def listed_questions(html):
    return [q for q in ("Is fibre safe?", "Why nap?", "What is kefir?") if q in html]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Is fibre safe?", "Why nap?", "What is kefir?"]),
        ("?q=milk", ["What is kefir?"]),
        ("?status__exact=draft", ["Why nap?"]),
        ("?topic__id__exact={gut}", ["Is fibre safe?", "What is kefir?"]),
        ("?article__id__exact={fibre}", ["Is fibre safe?"]),
    ],
    ids=["all", "search-answer", "status", "topic", "article"],
)
def test_question_list_searches_and_filters(staff_client, listed, query, expected):
    ids = {name: obj.pk for name, obj in listed.items()}

    response = staff_client.get(reverse("admin:faq_question_changelist") + query.format(**ids))

    assert response.status_code == 200
    assert listed_questions(response.text) == expected


def test_question_add_form_has_live_preview_and_slug_prefill(staff_client):
    html = staff_client.get(reverse("admin:faq_question_add")).text

    assert html.count('class="markdownx"') == 1
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html


def test_question_added_on_its_own_page_renders_its_answer(staff_client, article):
    url = reverse("admin:faq_question_add")
    data = admin_form(staff_client, url)
    data.update(
        question="Can children take fibre supplements?",
        slug="children",
        answer="Ask a **paediatrician** first.",
        article=article.pk,
        order="1",
        status=Status.PUBLISHED,
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    question = Question.objects.get(slug="children")
    assert question.answer_html == "<p>Ask a <strong>paediatrician</strong> first.</p>"
    assert question.article == article


def test_question_page_refuses_a_question_its_article_already_has(staff_client, article):
    make_question(question="Is fibre safe?", article=article)

    url = reverse("admin:faq_question_add")
    data = admin_form(staff_client, url)
    data.update(
        question="is fibre safe?",
        slug="safe-again",
        answer="My second answer.",
        article=article.pk,
        order="1",
    )

    response = staff_client.post(url, data)

    assert_kept_with_error(response, "This article already has this question.", "My second answer.")
