"""What a comparison stores."""

from comparisons.models import ComparisonValue
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
