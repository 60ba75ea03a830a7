"""The FAQ's part of the editorial checks (articles/checks.py): an article's questions are
read with it, so their answers' images and links are checked with the article's texts, and
saving a question recounts its article's problems."""

from articles import checks

from .models import Question


def question_name(number, question):
    return f"Question {number} {checks.quoted(question.question)}"


def article_questions(article):
    """The article's questions, numbered as its admin page shows them."""
    return enumerate(article.questions.all(), start=1)


def answer_texts(article, run):
    for number, question in article_questions(article):
        yield checks.Text(f"{question_name(number, question)}, its answer", question.answer_html)


def answer_citations(article, run):
    for number, question in article_questions(article):
        if not question.sources.all():
            yield checks.Problem(
                f"{question_name(number, question)}, its answer,", checks.NO_SOURCE
            )


def register():
    checks.register_texts(answer_texts, prefetch=["questions"])
    checks.register("answer-citations", prefetch=["questions__sources"])(answer_citations)
    checks.watch(Question, lambda question: question.article_id)
    checks.watch_sources(Question, lambda question: {"article_ids": [question.article_id]})
