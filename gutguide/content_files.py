"""The site's content as files (export_content, import_content): which records are
documents, in the order they are loaded (what they point to first). The engine is
gutguide.portable; a comparison adds its table, written by Comparison.write_table."""

from dataclasses import fields as dataclass_fields

from django.core.exceptions import ValidationError

from articles.models import Article, Contributor, Disclaimer, Topic
from comparisons.models import (
    Column,
    Comparison,
    ComparisonRow,
    ComparisonSubject,
    ComparisonValue,
    Line,
)
from evidence.models import Source
from faq.models import Question

from .portable import Document

# A table as structured data: subjects and rows with the fields of Column and Line (what
# write_table takes), less the primary keys that only mean something in one database.
COLUMN_FIELDS = [f.name for f in dataclass_fields(Column) if f.name != "pk"]
LINE_FIELDS = [f.name for f in dataclass_fields(Line) if f.name != "pk"]
# Written as lists: the cells' texts, and the sources by key.
ROW_LISTS = ("values", "sources")


def comparison_table(comparison):
    table = comparison.table()
    subjects, rows = table.subjects, table.rows
    return {
        "table": {
            "subjects": [
                {name: getattr(subject, name) for name in COLUMN_FIELDS} for subject in subjects
            ],
            "rows": [
                {
                    **{name: getattr(row, name) for name in LINE_FIELDS if name not in ROW_LISTS},
                    "values": [value.text if value else "" for _, value in cells],
                    "sources": sorted(source.key for source in row.sources.all()),
                }
                for row, cells in rows
            ],
        }
    }


def _clean(model, name, value, where):
    try:
        return model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        raise ValidationError([f"table {where}, {name}: {m}" for m in error.messages]) from None


def load_comparison_table(comparison, extra):
    """Make the saved table the one in the file, checked as the admin checks it."""
    table = extra.get("table") or {}
    subjects = table.get("subjects") or []
    rows = table.get("rows") or []
    if not Comparison.MIN_SUBJECTS <= len(subjects) <= Comparison.MAX_SUBJECTS:
        raise ValidationError(
            f"table: a comparison has {Comparison.MIN_SUBJECTS} to "
            f"{Comparison.MAX_SUBJECTS} subjects, this one {len(subjects)}."
        )
    if len(rows) > Comparison.MAX_ROWS:
        raise ValidationError(f"table: a comparison has at most {Comparison.MAX_ROWS} rows.")
    saved_subjects = dict(comparison.subjects.values_list("position", "pk"))
    saved_rows = dict(comparison.rows.values_list("position", "pk"))
    columns = []
    for number, subject in enumerate(subjects, start=1):
        values = {
            name: _clean(ComparisonSubject, name, subject.get(name), f"subject {number}")
            for name in COLUMN_FIELDS
        }
        columns.append(Column(**values, pk=saved_subjects.get(values["position"])))
    lines = []
    for number, row in enumerate(rows, start=1):
        values = {
            name: _clean(ComparisonRow, name, row.get(name, ""), f"row {number}")
            for name in LINE_FIELDS
            if name not in ROW_LISTS
        }
        keys = row.get("sources") or []
        sources = dict(Source.objects.filter(key__in=keys).values_list("key", "pk"))
        unknown = [key for key in keys if key not in sources]
        if unknown:
            raise ValidationError(
                f"table row {number}: there is no source “{'”, “'.join(unknown)}”."
            )
        values["sources"] = [sources[key] for key in keys]
        texts = [
            _clean(ComparisonValue, "text", text or "", f"row {number}")
            for text in row.get("values") or []
        ]
        if len(texts) > len(columns):
            raise ValidationError(f"table row {number}: more values than subjects.")
        texts += [""] * (len(columns) - len(texts))
        lines.append(Line(**values, values=texts, pk=saved_rows.get(values["position"])))
    comparison.write_table(columns, lines)


def number_citations(article, extra):
    """The article's References loaded, its body is stored with their numbers."""
    article.add_cited_references()


DOCUMENTS = [
    Document(Topic, folder="topics", key="slug", text="description"),
    Document(Contributor, folder="contributors", key="name", text="bio"),
    # A source has no long text: its title follows the front matter.
    Document(Source, folder="sources", key="key", text="title"),
    Document(
        Comparison,
        folder="comparisons",
        key="slug",
        text="intro",
        extra_fields=comparison_table,
        load_extra=load_comparison_table,
        extra_names=("table",),
        skip_children=("subjects", "rows"),
    ),
    Document(Article, folder="articles", key="slug", text="body", load_extra=number_citations),
    Document(Question, folder="faq", key="slug", text="answer"),
    Document(Disclaimer, folder="", key=None, text="text", file_name="disclaimer"),
]
