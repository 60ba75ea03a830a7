"""The demo FAQs loaded by `manage.py load_demo_content`."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article
from faq.models import Question
from gutguide.models import Status
from tests.factories import make_question
from tests.pages import shown_questions, structured_questions

DEMO_SLUG = "glutamine-or-glutathione-for-leaky-gut"


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_demo_article_gets_its_seven_questions_in_order(client, db):
    load()

    article = Article.objects.get(slug=DEMO_SLUG)
    questions = list(article.questions.all())
    assert [q.question for q in questions] == [
        "Is it safe to take glutamine and glutathione together?",
        "Why is oral glutathione poorly absorbed?",
        "What is the main difference between glutamine and glutathione?",
        "How does glutamine help heal a leaky gut?",
        "How does glutathione support gut health?",
        "Which foods provide glutamine, and which support glutathione?",
        "Which should I choose for a leaky gut?",
    ]
    assert {(q.topic.slug, q.status) for q in questions} == {("gut-health", Status.PUBLISHED)}
    assert all(q.answer_html.startswith("<p>") for q in questions)
    for path in (article.get_absolute_url(), "/faq/"):
        html = client.get(path).text
        assert [q for _, q, _, _ in shown_questions(html)] == [q.question for q in questions]
        assert len(structured_questions(html)) == 7


def test_loading_the_demo_faqs_twice_changes_nothing(db):
    load()
    before = list(Question.objects.order_by("pk").values())

    second = load()

    assert "already up to date" in second
    assert list(Question.objects.order_by("pk").values()) == before


def test_refresh_repairs_demo_questions_and_keeps_the_editors_own(db):
    load()
    article = Article.objects.get(slug=DEMO_SLUG)
    Question.objects.filter(order=1).update(question="Edited?", status=Status.DRAFT)
    make_question(question="An editor's own question?", article=article, order=8)

    load()

    assert article.questions.get(order=1).question.startswith("Is it safe")
    assert article.questions.get(order=1).status == Status.PUBLISHED
    assert article.questions.count() == 8
