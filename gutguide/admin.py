from django.db import models
from markdownx.widgets import AdminMarkdownxWidget

# Every Markdown field in the admin gets markdownx's editor with its live preview.
MARKDOWN_WIDGETS = {models.TextField: {"widget": AdminMarkdownxWidget}}
