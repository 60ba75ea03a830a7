"""Editing a comparison's whole table on one admin page."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from comparisons.models import Comparison, ComparisonRow, ComparisonSubject, ComparisonValue
from gutguide.models import Status
from tests.factories import make_comparison
from tests.pages import add_rows, admin_form

ADD_URL = reverse("admin:comparisons_comparison_add")


def change_url(comparison):
    return reverse("admin:comparisons_comparison_change", args=[comparison.pk])


def row_inputs(position, feature, values):
    """A row as the page submits it: the feature and every column's value input, empty
    where the editor typed nothing."""
    cells = {f"value_{slot}": "" for slot in range(1, Comparison.MAX_SUBJECTS + 1)}
    cells.update({f"value_{slot}": text for slot, text in enumerate(values, start=1)})
    return {"position": position, "feature": feature, **cells}


def new_table(client, subjects, rows, **fields):
    """The add page filled in: subjects [(position, name)], rows [(position, feature,
    [values by column])], and other fields changed by keyword."""
    data = admin_form(client, ADD_URL)
    data.update(
        {
            "title": "Glutamine vs glutathione",
            "slug": "glutamine-vs-glutathione",
            "intro": "Side by side.",
            "status": Status.PUBLISHED,
            "published_at_0": "2026-01-01",
            "published_at_1": "08:00:00",
        }
    )
    data.update(fields)
    add_rows(data, "subjects", [{"position": p, "name": name} for p, name in subjects])
    add_rows(data, "rows", [row_inputs(*row) for row in rows])
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
        new_table(
            staff_client,
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

    data = admin_form(staff_client, change_url(comparison))
    add_rows(data, "subjects", [{"position": 4, "name": "Vitamin D"}])
    data["rows-0-value_4"] = "variable"  # Absorption
    response = staff_client.post(change_url(comparison), data)
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
    data = admin_form(staff_client, change_url(comparison))
    # Subjects 0, 1, 2 are Glutamine, Glutathione, Zinc. The row's inputs stay as the page
    # showed them: column 1 was glutamine's.
    data["subjects-0-position"] = "2"
    data["subjects-0-name"] = "L-glutamine"
    data["subjects-1-position"] = "1"
    data["subjects-2-DELETE"] = "on"

    response = staff_client.post(change_url(comparison), data)

    assert response.status_code == 302, response.context["errors"]
    assert table_of(comparison) == (
        ["Glutathione", "L-glutamine"],
        {"Absorption": {"L-glutamine": "good", "Glutathione": "poor"}},
    )


def test_rows_can_be_reordered_and_removed(staff_client):
    comparison = make_comparison(rows=[("First", "1", "1"), ("Second", "2", "2"), ("Gone", "", "")])
    data = admin_form(staff_client, change_url(comparison))
    # Rows 0, 1, 2 are First, Second, Gone.
    data["rows-0-position"] = "2"
    data["rows-1-position"] = "1"
    data["rows-2-DELETE"] = "on"

    response = staff_client.post(change_url(comparison), data)

    assert response.status_code == 302, response.context["errors"]
    assert list(comparison.rows.values_list("feature", flat=True)) == ["Second", "First"]


def assert_error_keeps_input(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    for text in kept:
        assert text in response.text
    assert not Comparison.objects.exists()


def test_fewer_than_two_subjects_is_refused(staff_client):
    data = new_table(staff_client, [(1, "Lonely")], [(1, "Feature kept", ["value kept"])])

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(
        response, "A comparison needs at least 2 subjects.", "Feature kept", "value kept"
    )


@pytest.mark.parametrize("second", ["Glutamine", "glutamine "])
def test_duplicate_subject_names_are_refused(staff_client, second):
    data = new_table(
        staff_client, [(1, "Glutamine"), (2, second)], [(1, "Kept feature", ["a", "b"])]
    )

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(response, "Two subjects are called", "Kept feature")


def test_more_than_four_subjects_is_refused(staff_client):
    subjects = [(n, f"S{n}") for n in range(1, 6)]

    response = staff_client.post(ADD_URL, new_table(staff_client, subjects, []))

    assert response.status_code == 200
    assert "A comparison has at most 4 subjects." in response.text


def test_subject_position_must_be_one_to_four(staff_client):
    response = staff_client.post(ADD_URL, new_table(staff_client, [(1, "A"), (7, "B")], []))

    assert_error_keeps_input(response, "Ensure this value is less than or equal to 4.")


def test_two_rows_with_one_position_are_refused(staff_client):
    data = new_table(
        staff_client, [(1, "A"), (2, "B")], [(1, "One", ["a", "b"]), (1, "Two", ["c", "d"])]
    )

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(response, "Another row already has position 1.", "One", "Two")


def test_row_without_feature_is_refused(staff_client):
    data = new_table(staff_client, [(1, "A"), (2, "B")], [(1, "", ["orphan value", "x"])])

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(response, "This field is required.", "orphan value")


def test_value_too_long_is_refused(staff_client):
    data = new_table(staff_client, [(1, "A"), (2, "B")], [(1, "Long", ["y" * 501, "kept"])])

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(
        response, "Ensure this value has at most 500 characters (it has 501).", "kept"
    )


def test_value_in_a_column_without_subject_is_refused(staff_client):
    data = new_table(staff_client, [(1, "A"), (2, "B")], [(1, "Feature", ["a", "b", "stray"])])

    response = staff_client.post(ADD_URL, data)

    assert_error_keeps_input(response, "There is no subject 3", "stray")


def test_a_table_of_200_rows_saves_in_one_request(staff_client):
    rows = [(n, f"Feature {n}", [f"alpha {n} " * 10, f"beta {n} " * 10]) for n in range(1, 201)]
    data = new_table(staff_client, [(1, "Alpha"), (2, "Beta")], rows)
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
    data = new_table(staff_client, [(1, "A"), (2, "B"), (3, "C"), (4, "D")], rows)
    body = urlencode(data, doseq=True)
    assert len(body) > 2.5 * 1024 * 1024  # Django's default limit

    response = staff_client.post(ADD_URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302, response.status_code
    assert ComparisonValue.objects.count() == 1200


def test_one_row_too_many_is_an_error_that_keeps_the_table(staff_client):
    rows = [(n, f"Feature {n}", ["a", "b"]) for n in range(1, 302)]

    response = staff_client.post(ADD_URL, new_table(staff_client, [(1, "A"), (2, "B")], rows))

    assert_error_keeps_input(response, "A comparison has at most 300 rows.", "Feature 301")


def test_comparison_change_page_has_live_preview_and_view_on_site(staff_client, db):
    comparison = make_comparison()

    html = staff_client.get(change_url(comparison)).text

    assert 'class="markdownx"' in html
    assert "View on site" in html
    assert ComparisonSubject.objects.count() == 2


def test_saving_a_table_from_a_stale_page_is_refused(staff_client, second_client):
    comparison = make_comparison(rows=[("Use", "a", "b")])
    url = change_url(comparison)
    # Both editors open the page now.
    first_page, second_page = admin_form(staff_client, url), admin_form(second_client, url)
    staff_client.post(url, {**first_page, "title": "Renamed first"})

    response = second_client.post(url, {**second_page, "rows-0-value_1": "mine"})

    assert "editor saved this comparison on " in response.text
    assert Comparison.objects.get().title == "Renamed first"
