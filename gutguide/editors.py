"""
The groups of the people who make the content, kept in step after every `migrate`:
"Editors" write and maintain it, and nothing else (no users, groups or settings);
"Medical reviewers" may do what editors do, and publish.
"""

from django.contrib.auth.models import Group, Permission

GROUP_NAME = "Editors"
REVIEWERS_GROUP_NAME = "Medical reviewers"
ALL = ("add", "change", "delete", "view")

# app label -> model name -> actions
EDITOR_PERMISSIONS = {
    "evidence": {"source": ALL},
    "articles": {
        "article": ALL,
        "keypoint": ALL,
        "reference": ALL,
        "topic": ALL,
        "contributor": ALL,
        "disclaimer": ("change", "view"),
    },
    "comparisons": {
        "comparison": ALL,
        "comparisonsubject": ALL,
        "comparisonrow": ALL,
        "comparisonvalue": ALL,
    },
    "faq": {"question": ALL},
}


# What medical reviewers may do on top: publish (app label, codename).
PUBLISH_PERMISSIONS = [
    ("articles", "publish_article"),
    ("comparisons", "publish_comparison"),
    ("faq", "publish_question"),
]


def _permissions(codenames):
    permissions = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _ in codenames},
        codename__in=[codename for _, codename in codenames],
    ).select_related("content_type")
    wanted = set(codenames)
    return [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]


def editor_permissions():
    return _permissions(
        [
            (app_label, f"{action}_{model}")
            for app_label, models in EDITOR_PERMISSIONS.items()
            for model, actions in models.items()
            for action in actions
        ]
    )


def reviewer_permissions():
    return editor_permissions() + _permissions(PUBLISH_PERMISSIONS)


def ensure_editors_group(sender=None, **kwargs):
    """post_migrate receiver: each group has exactly its permissions that exist."""
    if sender is not None and sender.label not in EDITOR_PERMISSIONS:
        return
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(editor_permissions())
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP_NAME)
    reviewers.permissions.set(reviewer_permissions())
