"""What a comparison stores."""

from comparisons.models import Column, Comparison, ComparisonValue, Line
from tests.factories import make_comparison


def test_values_are_sanitized_inline_markdown(db):
    comparison = make_comparison(
        rows=[("Links", "[IFM](https://www.ifm.org/)", "<script>x</script>[y](javascript:z)")]
    )

    values = ComparisonValue.objects.filter(row__comparison=comparison).order_by("subject")

    assert values[0].text_html == (
        '<a href="https://www.ifm.org/" rel="noopener noreferrer">IFM</a>'
    )
    assert "<script" not in values[1].text_html
    assert "javascript" not in values[1].text_html


def test_stored_table_follows_the_title_and_every_written_row(db):
    comparison = make_comparison(rows=[("Dose", "*5 g*", "250 mg")])
    assert "<em>5 g</em>" in comparison.table_html
    assert Comparison.objects.get().table_html == comparison.table_html

    comparison.title = "Which one, side by side"
    comparison.save()
    saved = Comparison.objects.get()
    assert "<caption>Which one, side by side</caption>" in saved.table_html

    subjects = list(saved.subjects.all())
    row = saved.rows.get()
    saved.write_table(
        [Column(s.name, s.position, s.pk) for s in subjects],
        [Line("Daily dose", 1, ["10 g", "250 mg"], row.pk), Line("Form", 2, ["Powder", ""])],
    )

    html = Comparison.objects.get().table_html
    assert '<th scope="row">Daily dose</th>' in html
    assert "10 g" in html and "<em>5 g</em>" not in html
    assert html.count('<th scope="row">') == 2
    assert '<span class="visually-hidden">No entry</span>' in html
