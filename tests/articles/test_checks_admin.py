"""What editors and medical reviewers see of the editorial checks in the admin: the panel, the
"Has problems" filter, and publishing despite problems only with a reviewer's confirmation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import checks
from articles.models import Article, KeyPoint
from gutguide.models import Status
from tests.factories import make_article
from tests.pages import admin_form, form_values

CHANGELIST = reverse("admin:articles_article_changelist")
CONFIRM = "publish_despite_problems"
UNCITED = "Key point 1 “Uncited.” cites no source"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


@pytest.fixture
def draft(db):
    """An article in review with one problem: a key point without a source."""
    article = make_article(status=Status.REVIEW, published_at=None)
    KeyPoint.objects.create(article=article, position=1, lead="Uncited.", text="A claim.")
    return article


def panel(html):
    return html.split('id="editorial-checks-title"', 1)[1].split("</section>", 1)[0]


# --- The panel ----------------------------------------------------------------------------


def test_panel_lists_every_problem(editor_client, draft):
    html = panel(editor_client.get(change_url(draft)).text)

    assert "2 problems to fix before publishing" in html
    assert UNCITED in html
    assert "Medical review is missing" in html
    # Editors cannot publish: nothing to confirm.
    assert CONFIRM not in html


def test_panel_says_when_there_are_no_problems(editor_client, reviewer):
    article = make_article(reviewer=reviewer[1], reviewed_on=timezone.localdate())

    assert "No problems found." in panel(editor_client.get(change_url(article)).text)


def test_panel_offers_a_reviewer_the_confirmation(reviewer_client, draft):
    html = panel(reviewer_client.get(change_url(draft)).text)

    assert f'name="{CONFIRM}"' in html and "Publish despite these 2 problems" in html


def test_the_add_page_says_the_checks_run_once_saved(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).text

    assert "The checks run once the article is saved" in panel(html)


# --- The list filter ----------------------------------------------------------------------


def test_has_problems_filter_reads_the_stored_counts(
    editor_client, reviewer, django_assert_max_num_queries
):
    reviewed = {"reviewer": reviewer[1], "reviewed_on": timezone.localdate()}
    fine = make_article(slug="fine", title="Fine", **reviewed)
    uncited = make_article(slug="uncited", title="Uncited", **reviewed)
    KeyPoint.objects.create(article=uncited, position=1, lead="Uncited.", text="A claim.")
    unreviewed = make_article(slug="unreviewed", title="Unreviewed")
    checks.refresh(Article.objects.values_list("pk", flat=True))

    def listed(value):
        response = editor_client.get(CHANGELIST, {"problems": value})
        return sorted(article.title for article in response.context["cl"].result_list)

    assert listed("yes") == ["Uncited", "Unreviewed"]
    assert listed("no") == ["Fine"]
    assert unreviewed.problem_count == fine.problem_count  # the review is asked, not stored
    # No check runs per article: the list costs the same with three articles as with one.
    with django_assert_max_num_queries(12):
        editor_client.get(CHANGELIST, {"problems": "yes"})


# --- Publishing ---------------------------------------------------------------------------


def test_an_editor_cannot_publish_at_all(editor_client, draft):
    data = admin_form(editor_client, change_url(draft))

    response = editor_client.post(change_url(draft), {**data, "status": "published"})

    assert response.status_code == 200
    assert "Only medical reviewers can publish." in response.text
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_a_reviewer_without_confirming_is_refused_with_the_text_kept(reviewer_client, draft):
    data = admin_form(reviewer_client, change_url(draft))
    data["title"] = "My new title"

    response = reviewer_client.post(change_url(draft), {**data, "status": "published"})

    assert response.status_code == 200
    html = panel(response.text)
    # The reviewer's own review is recorded on publishing: only the citation is left.
    assert "1 problem to fix before publishing" in html and UNCITED in html
    assert "Not published: the editorial checks found 1 problem" in html
    assert "Publish despite this problem" in html
    assert form_values(response.text, "article_form")["title"] == "My new title"
    draft.refresh_from_db()
    assert (draft.status, draft.title, draft.reviewer) == (Status.REVIEW, draft.title, None)
    assert draft.history.count() == 1  # nothing was saved


def test_a_reviewer_confirming_publishes_and_the_history_names_the_problems(reviewer_client, draft):
    data = admin_form(reviewer_client, change_url(draft))
    refused = reviewer_client.post(change_url(draft), {**data, "status": "published"})
    again = form_values(refused.text, "article_form")
    again[CONFIRM] = "on"

    response = reviewer_client.post(change_url(draft), again)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_public
    reason = draft.history.first().history_change_reason
    assert reason == (
        "Published despite 1 problem, confirmed by ada: "
        f"{UNCITED}: pick the sources it rests on (Evidence), or remove the claim."
    )
    history = reviewer_client.get(history_url(draft)).text
    assert "Published despite 1 problem, confirmed by ada" in history and UNCITED in history


def test_confirming_problems_seen_on_the_page_covers_fewer_but_not_new_ones(reviewer_client, draft):
    # The page showed two problems (the review is still missing); publishing records the
    # review, so one is left: the confirmation covers it.
    data = admin_form(reviewer_client, change_url(draft))
    data[CONFIRM] = "on"
    assert (
        reviewer_client.post(change_url(draft), {**data, "status": "published"}).status_code == 302
    )

    # A problem added after the page was shown needs confirming again.
    other = make_article(slug="other", status=Status.REVIEW, published_at=None)
    data = admin_form(reviewer_client, change_url(other))
    data.update({CONFIRM: "on", "status": "published", "body": "## A\n\n#### Too deep"})
    response = reviewer_client.post(change_url(other), data)

    assert response.status_code == 200
    assert "You had confirmed other problems than these." in response.text
    other.refresh_from_db()
    assert other.status == Status.REVIEW


def test_publishing_without_problems_needs_no_confirmation(reviewer_client, db):
    article = make_article(status=Status.REVIEW, published_at=None)
    data = admin_form(reviewer_client, change_url(article))

    response = reviewer_client.post(change_url(article), {**data, "status": "published"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_public and article.history.first().history_change_reason is None


def test_correcting_a_published_article_needs_no_confirmation(editor_client, draft):
    Article.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    data = admin_form(editor_client, change_url(draft))
    data["title"] = "Corrected"

    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Corrected"


def test_publish_action_skips_articles_with_problems(reviewer_client, draft):
    clean = make_article(slug="clean", status=Status.REVIEW, published_at=None)

    response = reviewer_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [draft.pk, clean.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    clean.refresh_from_db()
    assert clean.is_public and draft.status == Status.REVIEW
    assert (
        "“Fibre and the microbiome” was not published: the editorial checks found 1 problem."
        in response.text
    )
    assert "1 article published." in response.text


# --- Restoring a published revision -------------------------------------------------------


def restore(client, article, record):
    url = reverse("admin:articles_article_simple_history", args=[article.pk, record.pk])
    return client.post(url, {"seen_version": article.version}, follow=True)


def test_restoring_a_published_revision_with_problems_does_not_publish(reviewer_client, db):
    article = make_article(title="As published")  # no medical review: one problem
    published = article.history.first()
    article.status, article.title = Status.DRAFT, "Taken down"
    article.save()

    response = restore(reviewer_client, article, published)

    article.refresh_from_db()
    assert article.title == "As published"  # the content is restored...
    assert article.status == Status.DRAFT  # ...but not published
    assert "The revision is restored. “As published” was not published" in response.text
    assert "found 1 problem." in response.text


def test_restoring_a_published_revision_without_problems_publishes(reviewer_client, reviewer):
    article = make_article(reviewer=reviewer[1], reviewed_on=timezone.localdate())
    published = article.history.first()
    article.status = Status.DRAFT
    article.save()

    restore(reviewer_client, article, published)

    article.refresh_from_db()
    assert article.is_public
