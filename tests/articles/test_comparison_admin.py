"""Editing a comparison's whole table on one admin page."""

from urllib.parse import urlencode

import pytest

from articles.models import Comparison, ComparisonRow, ComparisonSubject, ComparisonValue, Status
from tests.conftest import make_comparison

ADD_URL = "/admin/articles/comparison/add/"


def change_url(comparison):
    return f"/admin/articles/comparison/{comparison.pk}/change/"


def table_post(subjects, rows, existing=None, **fields):
    """POST data for the comparison form.

    subjects: [(position, name)] or [(position, name, id, delete)]; rows: [(position, feature,
    [values by column]) or with id and delete]. `existing` is the Comparison being changed.
    """
    data = {
        "title": "Glutamine vs glutathione",
        "slug": "glutamine-vs-glutathione",
        "intro": "Side by side.",
        "status": Status.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "08:00:00",
        "subjects-TOTAL_FORMS": str(len(subjects)),
        "subjects-INITIAL_FORMS": str(sum(1 for s in subjects if len(s) > 2 and s[2])),
        "subjects-MIN_NUM_FORMS": "2",
        "subjects-MAX_NUM_FORMS": "4",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(sum(1 for r in rows if len(r) > 3 and r[3])),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "300",
    }
    if existing is not None:
        # As the change page sends it: the version the editor started from.
        data["seen_version"] = str(type(existing).objects.get(pk=existing.pk).version)
    data.update(fields)
    for index, (position, name, *rest) in enumerate(subjects):
        data[f"subjects-{index}-position"] = str(position)
        data[f"subjects-{index}-name"] = name
        if rest and rest[0]:
            data[f"subjects-{index}-id"] = str(rest[0])
            data[f"subjects-{index}-comparison"] = str(existing.pk)
        if len(rest) > 1 and rest[1]:
            data[f"subjects-{index}-DELETE"] = "on"
    for index, (position, feature, values, *rest) in enumerate(rows):
        data[f"rows-{index}-position"] = str(position)
        data[f"rows-{index}-feature"] = feature
        # As a browser sends it: every column's input, and the hidden id fields.
        for slot in range(1, 5):
            data[f"rows-{index}-value_{slot}"] = values[slot - 1] if slot <= len(values) else ""
        data[f"rows-{index}-id"] = str(rest[0]) if rest and rest[0] else ""
        data[f"rows-{index}-comparison"] = str(existing.pk) if existing else ""
        if len(rest) > 1 and rest[1]:
            data[f"rows-{index}-DELETE"] = "on"
    return data


def table_of(comparison):
    """The saved table as {feature: {subject name: text}} plus the ordered subject names."""
    subjects = [s.name for s in comparison.subjects.order_by("position")]
    rows = {}
    for row in comparison.rows.order_by("position"):
        rows[row.feature] = {v.subject.name: v.text for v in row.values.select_related("subject")}
    return subjects, rows


def test_admin_round_trip_of_a_three_subject_table_then_adding_a_subject(staff_client):
    response = staff_client.post(
        ADD_URL,
        table_post(
            [(1, "Glutamine"), (2, "Glutathione"), (3, "Zinc")],
            [(1, "Absorption", ["good", "poor", "fair"]), (2, "Role", ["repair", "protect", ""])],
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    comparison = Comparison.objects.get()
    assert table_of(comparison) == (
        ["Glutamine", "Glutathione", "Zinc"],
        {
            "Absorption": {"Glutamine": "good", "Glutathione": "poor", "Zinc": "fair"},
            "Role": {"Glutamine": "repair", "Glutathione": "protect"},
        },
    )

    # The change page shows every value in its column, labelled with the subject names.
    page = staff_client.get(change_url(comparison)).text
    assert "1: Glutamine" in page and "3: Zinc" in page
    assert 'name="rows-0-value_3" value="fair"' in page

    subjects = list(comparison.subjects.order_by("position"))
    rows = list(comparison.rows.order_by("position"))
    response = staff_client.post(
        change_url(comparison),
        table_post(
            [*[(s.position, s.name, s.pk) for s in subjects], (4, "Vitamin D")],
            [
                (1, "Absorption", ["good", "poor", "fair", "variable"], rows[0].pk),
                (2, "Role", ["repair", "protect", "", ""], rows[1].pk),
            ],
            existing=comparison,
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    assert table_of(comparison) == (
        ["Glutamine", "Glutathione", "Zinc", "Vitamin D"],
        {
            "Absorption": {
                "Glutamine": "good",
                "Glutathione": "poor",
                "Zinc": "fair",
                "Vitamin D": "variable",
            },
            "Role": {"Glutamine": "repair", "Glutathione": "protect"},
        },
    )


def test_renaming_reordering_and_removing_keep_values_with_their_subject(staff_client):
    comparison = make_comparison(
        subjects=("Glutamine", "Glutathione", "Zinc"), rows=[("Absorption", "good", "poor", "ok")]
    )
    glutamine, glutathione, zinc = comparison.subjects.order_by("position")
    row = comparison.rows.get()

    response = staff_client.post(
        change_url(comparison),
        table_post(
            [
                (2, "L-glutamine", glutamine.pk),
                (1, "Glutathione", glutathione.pk),
                (3, "Zinc", zinc.pk, True),
            ],
            # The inputs are as the page showed them: column 1 was glutamine's.
            [(1, "Absorption", ["good", "poor", "ok"], row.pk)],
            existing=comparison,
            slug="a-vs-b",
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    assert table_of(comparison) == (
        ["Glutathione", "L-glutamine"],
        {"Absorption": {"L-glutamine": "good", "Glutathione": "poor"}},
    )


def test_rows_can_be_reordered_and_removed(staff_client):
    comparison = make_comparison(rows=[("First", "1", "1"), ("Second", "2", "2"), ("Gone", "", "")])
    first, second, gone = comparison.rows.order_by("position")
    subjects = [(s.position, s.name, s.pk) for s in comparison.subjects.order_by("position")]

    response = staff_client.post(
        change_url(comparison),
        table_post(
            subjects,
            [
                (2, "First", ["1", "1"], first.pk),
                (1, "Second", ["2", "2"], second.pk),
                (3, "Gone", ["", ""], gone.pk, True),
            ],
            existing=comparison,
            slug="a-vs-b",
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    assert list(comparison.rows.values_list("feature", flat=True)) == ["Second", "First"]


def assert_error_keeps_input(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    for text in kept:
        assert text in response.text
    assert not Comparison.objects.exists()


def test_fewer_than_two_subjects_is_refused(staff_client):
    response = staff_client.post(
        ADD_URL, table_post([(1, "Lonely")], [(1, "Feature kept", ["value kept"])])
    )

    assert_error_keeps_input(
        response, "A comparison needs at least 2 subjects.", "Feature kept", "value kept"
    )


@pytest.mark.parametrize("second", ["Glutamine", "glutamine "])
def test_duplicate_subject_names_are_refused(staff_client, second):
    response = staff_client.post(
        ADD_URL, table_post([(1, "Glutamine"), (2, second)], [(1, "Kept feature", ["a", "b"])])
    )

    assert_error_keeps_input(response, "Two subjects are called", "Kept feature")


def test_more_than_four_subjects_is_refused(staff_client):
    subjects = [(n, f"S{n}") for n in range(1, 6)]

    response = staff_client.post(ADD_URL, table_post(subjects, []))

    assert response.status_code == 200
    assert "A comparison has at most 4 subjects." in response.text


def test_subject_position_must_be_one_to_four(staff_client):
    response = staff_client.post(ADD_URL, table_post([(1, "A"), (7, "B")], []))

    assert_error_keeps_input(response, "Ensure this value is less than or equal to 4.")


def test_two_rows_with_one_position_are_refused(staff_client):
    response = staff_client.post(
        ADD_URL, table_post([(1, "A"), (2, "B")], [(1, "One", ["a", "b"]), (1, "Two", ["c", "d"])])
    )

    assert_error_keeps_input(response, "Another row already has position 1.", "One", "Two")


def test_row_without_feature_is_refused(staff_client):
    response = staff_client.post(
        ADD_URL, table_post([(1, "A"), (2, "B")], [(1, "", ["orphan value", "x"])])
    )

    assert_error_keeps_input(response, "This field is required.", "orphan value")


def test_value_too_long_is_refused(staff_client):
    response = staff_client.post(
        ADD_URL, table_post([(1, "A"), (2, "B")], [(1, "Long", ["y" * 501, "kept"])])
    )

    assert_error_keeps_input(
        response, "Ensure this value has at most 500 characters (it has 501).", "kept"
    )


def test_value_in_a_column_without_subject_is_refused(staff_client):
    response = staff_client.post(
        ADD_URL, table_post([(1, "A"), (2, "B")], [(1, "Feature", ["a", "b", "stray"])])
    )

    assert_error_keeps_input(response, "There is no subject 3", "stray")


def test_a_table_of_200_rows_saves_in_one_request(staff_client):
    rows = [(n, f"Feature {n}", [f"alpha {n} " * 10, f"beta {n} " * 10]) for n in range(1, 201)]
    data = table_post([(1, "Alpha"), (2, "Beta")], rows)
    assert len(data) > 1000  # more fields than Django accepts by default

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    comparison = Comparison.objects.get()
    assert comparison.rows.count() == 200
    assert ComparisonValue.objects.filter(row__comparison=comparison).count() == 400
    assert ComparisonRow.objects.get(position=200).feature == "Feature 200"


def test_the_largest_allowed_table_fits_the_request_limits(staff_client):
    value = "é" * 500  # two bytes in UTF-8, six once url-encoded
    rows = [(n, f"Feature {n}", [value] * 4) for n in range(1, 301)]
    data = table_post([(1, "A"), (2, "B"), (3, "C"), (4, "D")], rows)
    body = urlencode(data)
    assert len(body) > 2.5 * 1024 * 1024  # Django's default limit

    response = staff_client.post(ADD_URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302, response.status_code
    assert ComparisonValue.objects.count() == 1200


def test_one_row_too_many_is_an_error_that_keeps_the_table(staff_client):
    rows = [(n, f"Feature {n}", ["a", "b"]) for n in range(1, 302)]

    response = staff_client.post(ADD_URL, table_post([(1, "A"), (2, "B")], rows))

    assert_error_keeps_input(response, "A comparison has at most 300 rows.", "Feature 301")


def test_comparison_change_page_has_live_preview_and_view_on_site(staff_client, db):
    comparison = make_comparison()

    html = staff_client.get(change_url(comparison)).text

    assert 'class="markdownx"' in html
    assert "View on site" in html
    assert ComparisonSubject.objects.count() == 2
