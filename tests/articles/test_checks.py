"""Editorial checks: each problem an editor is told about, found when it is there and not when
it is fixed; the stored count behind the "Has problems" filter."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from articles import checks
from articles.models import Article, KeyPoint
from faq.models import Question
from gutguide.models import LinkCheck, Status
from tests.factories import (
    make_article,
    make_comparison,
    make_medical_reviewer,
    make_question,
    make_source,
)

HARD = (
    "Gastrointestinal permeability abnormalities frequently accompany inflammatory "
    "conditions, necessitating comprehensive physiological evaluation, individualised "
    "nutritional intervention and longitudinal monitoring of symptomatology by experienced "
    "multidisciplinary practitioners."
)
PLAIN = (
    "Fibre feeds the good bacteria in your gut. Eat more beans, oats and greens. Drink water "
    "with it. Go slow at first, so your gut gets used to it."
)


@pytest.fixture
def reviewed():
    """Article fields for a medical review recorded today by a real reviewer."""
    _, contributor = make_medical_reviewer()
    return {"reviewer": contributor, "reviewed_on": timezone.localdate()}


def problems(article, check=None):
    article = checks.loaded(Article.objects.filter(pk=article.pk)).get()
    found = checks.problems(article)
    return [str(p) for p in found if check is None or p.check == check]


def test_an_article_with_nothing_to_fix_has_no_problems(db, reviewed):
    article = make_article(**reviewed)

    assert problems(article) == []


# --- Citations ---------------------------------------------------------------------------


def test_key_point_without_a_source_is_a_problem_and_with_one_is_not(db):
    article = make_article()
    point = KeyPoint.objects.create(
        article=article, position=3, lead="Glutamine acts directly.", text="It fuels cells."
    )

    assert problems(article, "key-point-citations") == [
        "Key point 3 “Glutamine acts directly.” cites no source: pick the sources it rests on "
        "(Evidence), or remove the claim."
    ]

    point.sources.add(make_source("rao-2012"))
    assert problems(article, "key-point-citations") == []


def test_rows_of_a_placed_comparison_need_a_source(db):
    comparison = make_comparison(rows=[("Absorption", "good", "poor")])
    article = make_article(body="## Side by side\n\n[[comparison a-vs-b]]")

    assert problems(article, "comparison-citations") == [
        "Row “Absorption” of the comparison “Comparison a-vs-b” cites no source: pick the "
        "sources it rests on (Evidence), or remove the claim."
    ]

    comparison.rows.get().sources.add(make_source())
    assert problems(article, "comparison-citations") == []


def test_a_comparison_not_placed_is_not_the_articles_problem(db):
    make_comparison(rows=[("Absorption", "good", "poor")])

    assert problems(make_article(), "comparison-citations") == []


def test_faq_answer_without_a_source_is_a_problem(db):
    article = make_article()
    question = make_question(article=article, question="Is it safe to take both?")

    assert problems(article, "answer-citations") == [
        "Question 1 “Is it safe to take both?”, its answer, cites no source: pick the sources "
        "it rests on (Evidence), or remove the claim."
    ]

    question.sources.add(make_source())
    assert problems(article, "answer-citations") == []


# --- Headings, images, links --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("## A\n\n### B\n\n#### C\n\n## D\n\n### E", []),
        (
            "## A\n\n#### Too deep",
            ["Body heading “Too deep” skips a level: an H4 after an H2; make it an H3 (###)."],
        ),
        (
            "### Starts low\n\ntext",
            [
                "Body heading “Starts low” skips a level: an H3 at the start of the body; make "
                "it an H2 (##)."
            ],
        ),
    ],
)
def test_headings_go_down_one_level_at_a_time_from_h2(db, body, expected):
    assert problems(make_article(body=body), "headings") == expected


def test_images_need_alt_text(db):
    missing = make_article(body="## A\n\n![](/media/uploads/gut.png)", slug="missing")
    described = make_article(body="## A\n\n![The gut lining](/media/uploads/gut.png)", slug="ok")

    assert problems(missing, "images") == [
        "Body: the image /media/uploads/gut.png has no alt text: describe it in the brackets, "
        "![what it shows](…)."
    ]
    assert problems(described, "images") == []


def test_links_need_text_and_an_address(db):
    article = make_article(body="## A\n\n[](https://example.org/x) and [a study]() here.")
    fine = make_article(body="## A\n\nSee [a study](https://example.org/x).", slug="fine")

    assert problems(article, "empty-links") == [
        "Body: a link to https://example.org/x has no text: write what it leads to in its "
        "brackets, [text](address).",
        "Body: the link “a study” leads nowhere: give it an address, [text](https://…).",
    ]
    assert problems(fine, "empty-links") == []


def test_images_and_links_in_faq_answers_are_checked_too(db):
    article = make_article()
    make_question(article=article, question="Why?", answer="See ![](/media/uploads/x.png).")

    assert problems(article, "images") == [
        "Question 1 “Why?”, its answer: the image /media/uploads/x.png has no alt text: "
        "describe it in the brackets, ![what it shows](…)."
    ]


def test_links_to_articles_and_comparisons_readers_cannot_see(db):
    make_article(slug="draft", title="A draft", status=Status.DRAFT, published_at=None)
    make_article(slug="live", title="Live")
    make_comparison(slug="hidden", status=Status.REVIEW, published_at=None)
    make_comparison(slug="shown")
    article = make_article(
        slug="linking",
        body=(
            "## Links\n\n[a](/articles/draft/) [b](/articles/live/) [c](/articles/gone/) "
            "[d](/compare/hidden/) [e](/compare/shown/#row) [f](/nowhere/) "
            "[g](/articles/live/?utm=x)"
        ),
    )

    assert problems(article, "internal-links") == [
        "Body: the link to /nowhere/ leads to no page of the site.",
        "Body: the link to /articles/draft/ leads to the article “A draft”, which readers "
        "cannot see yet (Draft).",
        "Body: the link to /articles/gone/ leads to no article: no article has the address “gone”.",
        "Body: the link to /compare/hidden/ leads to the comparison “Comparison hidden”, which "
        "readers cannot see yet (In review).",
    ]


def test_a_link_to_an_old_address_of_a_published_article_is_fine(db):
    moved = make_article(slug="old-name")
    moved.slug = "new-name"
    moved.save()

    article = make_article(slug="linking", body="## A\n\n[moved](/articles/old-name/)")

    assert problems(article, "internal-links") == []


def test_outside_links_that_failed_when_last_checked(db):
    article = make_article(
        body="## A\n\n[ok](https://example.org/ok) [gone](https://example.org/gone) "
        "[down](https://down.example/)"
    )
    checked = timezone.make_aware(datetime.datetime(2026, 5, 2, 12))
    LinkCheck.objects.create(url="https://example.org/ok", status_code=200, checked_at=checked)
    LinkCheck.objects.create(url="https://example.org/gone", status_code=404, checked_at=checked)
    LinkCheck.objects.create(url="https://down.example/", error="timed out", checked_at=checked)

    assert problems(article, "outside-links") == [
        "Body: the link to https://example.org/gone answered 404 when checked on 2 May 2026: "
        "fix or remove it.",
        "Body: the link to https://down.example/ failed (timed out) when checked on 2 May "
        "2026: fix or remove it.",
    ]


def test_a_source_whose_doi_did_not_resolve(db):
    article = make_article()
    source = make_source("zhou-2019", title="A glutamine trial", doi="10.1136/x", url="")
    article.references.create(position=1, source=source)
    LinkCheck.objects.create(
        url="https://doi.org/10.1136/x", status_code=404, checked_at=timezone.now()
    )

    (problem,) = problems(article, "outside-links")
    assert problem.startswith(
        "Reference 1 “A glutamine trial”: the link to https://doi.org/10.1136/x answered 404"
    )


# --- Medical review, reading level ----------------------------------------------------------


def test_medical_review_missing_overdue_and_current(db, reviewed):
    missing = make_article(slug="missing")
    overdue = make_article(
        slug="overdue", reviewer=reviewed["reviewer"], reviewed_on=datetime.date(2020, 1, 15)
    )
    current = make_article(slug="current", **reviewed)

    assert problems(missing, "review") == [
        "Medical review is missing: a medical reviewer records it by publishing the article or "
        "with the action “Record my medical review”."
    ]
    assert problems(overdue, "review") == [
        "Medical review is overdue: last recorded on 15 January 2020, more than 12 months ago."
    ]
    assert problems(current, "review") == []


def test_summary_above_the_reading_grade(db):
    hard = make_article(summary=HARD, slug="hard")
    plain = make_article(summary=PLAIN, slug="plain")

    (problem,) = problems(hard, "reading-level")
    assert problem.startswith("Quick summary reads at grade ")
    assert problem.endswith("; aim for grade 9 or lower: shorter sentences, plainer words.")
    assert problems(plain, "reading-level") == []


def test_key_points_above_the_reading_grade_name_the_hardest(db):
    article = make_article()
    KeyPoint.objects.create(article=article, position=1, lead="Eat fibre.", text=PLAIN[:60])
    KeyPoint.objects.create(article=article, position=2, lead="Be thorough.", text=HARD)

    (problem,) = problems(article, "reading-level")
    assert problem.startswith("Key points read at grade ")
    assert "(the hardest: Key point 2 “Be thorough.”)" in problem


@override_settings(GUTGUIDE_READING_GRADE=50)
def test_the_reading_grade_is_a_setting(db):
    assert problems(make_article(summary=HARD), "reading-level") == []


# --- The stored count ------------------------------------------------------------------------


def test_saves_recount_the_article_when_they_commit(
    db, reviewed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(**reviewed)
    article.refresh_from_db()
    assert article.problem_count == 0

    with django_capture_on_commit_callbacks(execute=True):
        KeyPoint.objects.create(article=article, position=1, lead="Uncited.", text="Claim.")
        make_question(article=article)
    article.refresh_from_db()
    assert article.problem_count == 2


def test_publishing_a_linked_article_recounts_the_articles_linking_to_it(
    db, reviewed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article(slug="draft", status=Status.DRAFT, published_at=None, **reviewed)
        linking = make_article(slug="linking", body="## A\n\n[see](/articles/draft/)", **reviewed)
    linking.refresh_from_db()
    assert linking.problem_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Status.PUBLISHED
        draft.save()
    linking.refresh_from_db()
    assert linking.problem_count == 0


def test_a_comparison_row_change_recounts_the_articles_placing_it(
    db, reviewed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comparison = make_comparison(rows=[("Absorption", "good", "poor")])
        article = make_article(body="## A\n\n[[comparison a-vs-b]]", **reviewed)
    article.refresh_from_db()
    assert article.problem_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        comparison.rows.get().sources.add(make_source())
    article.refresh_from_db()
    assert article.problem_count == 0


def test_the_review_falling_due_is_not_stored_but_asked(db, reviewed):
    article = make_article(**reviewed)
    checks.refresh([article.pk])

    assert Article.objects.with_problems().count() == 0
    later = timezone.localdate() + datetime.timedelta(days=400)
    assert list(Article.objects.with_problems(today=later)) == [article]


def test_migrate_counts_articles_never_counted(db):
    article = make_article()
    Article.objects.update(problem_count=None)

    checks.count_uncounted()

    article.refresh_from_db()
    assert article.problem_count == 0  # the missing review is asked, not stored


def test_a_question_saved_on_its_own_page_recounts_its_article(
    db, reviewed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(**reviewed)
    with django_capture_on_commit_callbacks(execute=True):
        Question.objects.create(
            question="Why?", slug="why", answer="Because.", article=article, status=""
        )
    article.refresh_from_db()
    assert article.problem_count == 1
