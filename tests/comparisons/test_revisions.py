"""A comparison keeps a revision of every save with its whole table: shown, restored and
recovered from the admin."""

import pytest
from django.urls import reverse

from comparisons.models import Comparison, ComparisonRow, ComparisonValue
from tests.factories import make_comparison
from tests.pages import admin_form


def change_url(comparison):
    return reverse("admin:comparisons_comparison_change", args=[comparison.pk])


def history_url(comparison):
    return reverse("admin:comparisons_comparison_history", args=[comparison.pk])


def table_of(comparison):
    return [
        (row.feature, [value.text for value in row.values.order_by("subject__position")])
        for row in comparison.rows.order_by("position")
    ]


@pytest.fixture
def edited(staff_client):
    """A table saved twice in the admin: a value changed, then a row deleted."""
    comparison = make_comparison(
        subjects=("Glutamine", "Glutathione"),
        rows=[("Absorption", "good", "poor"), ("Role", "repair", "protect")],
    )
    data = admin_form(staff_client, change_url(comparison))
    data["rows-0-value_2"] = "poor as a pill"
    assert staff_client.post(change_url(comparison), data).status_code == 302
    data = admin_form(staff_client, change_url(comparison))
    data["rows-1-DELETE"] = "on"
    data["title"] = "Glutamine or glutathione"
    assert staff_client.post(change_url(comparison), data).status_code == 302
    return comparison


def test_history_shows_the_table_changes_field_by_field(staff_client, edited):
    response = staff_client.get(history_url(edited))
    html = response.text

    # A comparison has no foreign key: the history page must not trip Django's deprecation
    # of select_related() without names (pytest turns that warning into an error).
    assert response.status_code == 200
    assert "3 revisions" in html
    assert "<strong>Value “Absorption” / Glutathione · Text</strong>: <del>poor</del> → " in html
    assert "<ins>poor as a pill</ins>" in html
    assert "<strong>Row 2: “Role”</strong>: <del>present</del> → <ins>removed</ins>" in html
    assert "<strong>Title</strong>: <del>Comparison a-vs-b</del> → " in html


def test_restoring_a_revision_writes_the_table_back(staff_client, edited):
    first = Comparison.history.filter(id=edited.pk).last()
    url = reverse("admin:comparisons_comparison_simple_history", args=[edited.pk, first.pk])
    edited.refresh_from_db()

    response = staff_client.post(url, {"seen_version": edited.version})

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Comparison a-vs-b"
    assert table_of(edited) == [("Absorption", ["good", "poor"]), ("Role", ["repair", "protect"])]
    assert Comparison.history.filter(id=edited.pk).count() == 4
    page = staff_client.get(edited.get_absolute_url()).text
    assert "protect" in page


def test_a_deleted_comparison_is_recovered_with_its_table(staff_client, edited):
    delete = reverse("admin:comparisons_comparison_delete", args=[edited.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 302
    assert not ComparisonRow.objects.exists() and not ComparisonValue.objects.exists()
    record = Comparison.history.get(history_type="-")

    listing = staff_client.get(reverse("admin:comparisons_comparison_recover_list")).text
    response = staff_client.post(
        reverse("admin:comparisons_comparison_recover", args=[record.history_id])
    )

    assert "Glutamine or glutathione" in listing
    assert response.status_code == 302
    recovered = Comparison.objects.get(pk=edited.pk)
    assert [s.name for s in recovered.subjects.all()] == ["Glutamine", "Glutathione"]
    assert table_of(recovered) == [("Absorption", ["good", "poor as a pill"])]
    assert recovered.intro_html == edited.intro_html
