"""The search index follows every change: edits, publishing, unpublishing, deleting, the
rows that belong to a record, scheduled times, and the admin. Readers' visibility is decided
when searching, so a publish date that comes needs no save at all."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, KeyPoint
from comparisons.models import Column, Comparison, ComparisonRow, Line
from faq.models import Question
from gutguide import search
from gutguide.models import SearchEntry, Status
from tests.factories import make_article, make_comparison, make_question
from tests.pages import add_rows, admin_form, search_results


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in search_results(response.text)]


def is_entry_write(sql):
    return sql.startswith(("INSERT", "UPDATE", "DELETE")) and "gutguide_searchentry" in sql


def entries():
    return sorted(SearchEntry.objects.values_list("kind", "title"))


# --- Edits ---------------------------------------------------------------------------------------


def test_an_edited_article_is_found_by_its_new_words_only(client, db):
    article = make_article(title="Oat milk", slug="oat-milk", body="Creamy.")

    article.title = "Almond milk"
    article.body = "Nutty."
    article.save()

    assert found(client, "almond nutty") == ["Almond milk"]
    assert found(client, "oat") == []
    assert found(client, "creamy") == []


def test_saving_with_update_fields_keeps_the_entry_in_step(client, db):
    article = make_article(title="Oat milk", slug="oat-milk")

    article.title = "Rice milk"
    article.save(update_fields=["title"])

    assert found(client, "rice") == ["Rice milk"]


def test_key_points_added_changed_and_deleted_follow(client, db):
    article = make_article(title="Sleep", slug="sleep")
    point = KeyPoint.objects.create(article=article, position=1, lead="Rest.", text="Melatonin.")
    assert found(client, "melatonin") == ["Sleep"]

    point.text = "Darkness helps."
    point.save()
    assert found(client, "melatonin") == []
    assert found(client, "darkness") == ["Sleep"]

    point.delete()
    assert found(client, "darkness") == []


def test_a_comparison_table_written_follows_and_is_indexed_once(client, db):
    comparison = make_comparison(slug="a-vs-b", title="Apples vs pears")
    columns = [Column("Apples", 1), Column("Pears", 2)]
    comparison.write_table(columns, [Line("Fibre", 1, ["Pectin", "Sorbitol"])])
    assert found(client, "sorbitol") == ["Apples vs pears"]

    row = comparison.rows.get()
    subjects = list(comparison.subjects.all())
    lines = [Line(f"Feature {n}", n, [f"value {n}", "x"]) for n in range(2, 42)]
    with CaptureQueriesContext(connection) as captured:
        comparison.write_table(
            [Column(s.name, s.position, s.pk) for s in subjects],
            [Line("Fibre", 1, ["Pectin", "Quercetin"], row.pk), *lines],
        )
    writes = [query for query in captured if is_entry_write(query["sql"])]

    assert len(writes) == 1  # one upsert for the whole table, not one per cell
    assert found(client, "sorbitol") == []
    assert found(client, "quercetin") == ["Apples vs pears"]
    assert found(client, "feature 41") == ["Apples vs pears"]


def test_deleted_rows_of_a_comparison_leave_its_entry(client, db):
    comparison = make_comparison(
        slug="a-vs-b", title="Apples vs pears", rows=[("Taste", "Tart", "Sweet")]
    )
    assert found(client, "tart") == ["Apples vs pears"]

    ComparisonRow.objects.filter(comparison=comparison).delete()

    assert found(client, "tart") == []
    assert found(client, "apples") == ["Apples vs pears"]


def test_a_renamed_subject_follows(client, db):
    comparison = make_comparison(slug="a-vs-b", title="Table", subjects=("Apples", "Pears"))

    subject = comparison.subjects.get(name="Pears")
    subject.name = "Quinces"
    subject.save()

    assert found(client, "pears") == []
    assert found(client, "quinces") == ["Table"]


# --- Publishing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_drafts_and_items_in_review_never_appear(client, db, status):
    make_article(title="Hidden piece", slug="hidden", status=status)
    make_comparison(slug="hidden-table", title="Hidden table", status=status)
    make_question(question="Hidden question?", status=status)

    assert found(client, "hidden") == []


def test_publishing_and_unpublishing_show_and_hide_every_kind(client, db):
    records = [
        make_article(title="Chia seeds", slug="chia", status=Status.DRAFT, published_at=None),
        make_comparison(slug="chia-vs-flax", title="Chia vs flax", status=Status.DRAFT),
        make_question(question="Is chia safe?", status=Status.DRAFT),
    ]
    assert found(client, "chia") == []

    for record in records:
        record.status = Status.PUBLISHED
        record.save()
    assert sorted(found(client, "chia")) == ["Chia seeds", "Chia vs flax", "Is chia safe?"]

    for record in records:
        record.status = Status.DRAFT
        record.save()
    assert found(client, "chia") == []


def test_publishing_leaves_the_entry_alone(client, db):
    article = make_article(title="Chia seeds", slug="chia", status=Status.DRAFT)

    article.status = Status.PUBLISHED
    with CaptureQueriesContext(connection) as captured:
        article.save()
    writes = [query for query in captured if is_entry_write(query["sql"])]

    assert writes == []  # who may see it is decided when searching
    assert found(client, "chia") == ["Chia seeds"]


def test_a_question_shows_and_hides_with_its_article(client, db):
    article = make_article(title="Sauerkraut", slug="sauerkraut", status=Status.DRAFT)
    make_question(question="Does kraut need washing?", article=article)
    assert found(client, "kraut") == []

    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)  # no save, no signal
    assert found(client, "kraut") == ["Does kraut need washing?"]

    article.status = Status.DRAFT
    article.save()
    assert found(client, "kraut") == []


def test_scheduled_items_appear_when_their_time_comes_without_a_save(client, db):
    soon = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(title="Tomorrow's miso", slug="miso", published_at=soon)
    comparison = make_comparison(slug="miso-vs-soy", title="Miso vs soy", published_at=soon)
    question = make_question(question="Is miso vegan?", published_at=soon)
    assert found(client, "miso") == []

    # The clock passes the publish date: nothing is saved, no signal is sent.
    past = timezone.now() - datetime.timedelta(seconds=1)
    for model, record in [(Article, article), (Comparison, comparison), (Question, question)]:
        model.objects.filter(pk=record.pk).update(published_at=past)

    assert sorted(found(client, "miso")) == ["Is miso vegan?", "Miso vs soy", "Tomorrow's miso"]


# --- Deleting ------------------------------------------------------------------------------------


def test_deleted_records_leave_no_entry(client, db):
    article = make_article(title="Beetroot", slug="beetroot")
    make_question(question="Does beetroot colour urine?", article=article)
    make_question(question="Is beetroot juice sweet?")
    comparison = make_comparison(
        slug="beet", title="Beetroot vs carrot", rows=[("Colour", "a", "b")]
    )

    article.delete()  # and its question with it
    comparison.delete()  # and its rows and values

    assert found(client, "beetroot") == ["Is beetroot juice sweet?"]
    assert entries() == [("faq.question", "Is beetroot juice sweet?")]

    Question.objects.all().delete()
    assert entries() == []


# --- Through the admin, as an editor ------------------------------------------------------------


def test_an_editor_saving_an_article_and_its_questions_is_searchable_at_once(
    staff_client, client, article
):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(staff_client, url)
    data["body"] = "## Polyphenols\n\nBerries are rich in polyphenols."
    add_rows(
        data,
        "questions",
        [{"question": "Which berries help?", "slug": "berries", "answer": "Blueberries."}],
    )
    data["questions-0-status"] = Status.PUBLISHED

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found(client, "polyphenols") == [article.title]
    assert found(client, "blueberries") == ["Which berries help?"]


def test_an_editor_changing_a_comparison_row_in_the_admin_is_searchable_at_once(
    staff_client, client, db
):
    comparison = make_comparison(
        slug="a-vs-b",
        title="Kefir vs yogurt",
        subjects=("Kefir", "Yogurt"),
        rows=[("Taste", "Sour", "Mild")],
    )
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    data = admin_form(staff_client, url)
    (key,) = [key for key, value in data.items() if value == "Sour"]
    data[key] = "Tangy and fizzy"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert found(client, "fizzy") == ["Kefir vs yogurt"]
    assert found(client, "sour") == []


# --- Rebuilding ----------------------------------------------------------------------------------


def test_rebuild_command_indexes_everything_and_drops_stale_entries(client, db):
    make_article(title="Garlic", slug="garlic")
    make_question(question="Raw garlic?")
    make_comparison(slug="garlic-vs-onion", title="Garlic vs onion")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="articles.article", object_id=999, title="Gone garlic")
    assert found(client, "garlic") == []

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert sorted(found(client, "garlic")) == ["Garlic", "Garlic vs onion", "Raw garlic?"]
    assert SearchEntry.objects.count() == 3
    assert "Indexed 1 articles.article records." in out.getvalue()


def test_an_empty_index_is_filled_after_migrating(client, db):
    make_article(title="Lentils", slug="lentils")
    SearchEntry.objects.all().delete()

    search.fill_empty_index()

    assert found(client, "lentils") == ["Lentils"]


def test_a_filled_index_is_left_alone_after_migrating(db, django_assert_max_num_queries):
    make_article(title="Lentils", slug="lentils")

    with django_assert_max_num_queries(2):  # the table list, one look at the index
        search.fill_empty_index()


def test_rerendering_markdown_brings_the_index_in_step(client, db):
    make_article(title="Walnuts", slug="walnuts", body="Rich in omega oils.")
    SearchEntry.objects.update(body="stale words")  # as after a pipeline change
    assert found(client, "omega") == []

    call_command("rerender_markdown", stdout=StringIO())

    assert found(client, "omega") == ["Walnuts"]
    assert found(client, "stale") == []
