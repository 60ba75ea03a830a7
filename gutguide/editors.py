"""
The "Editors" group: staff who write and maintain the content, and nothing else
(no users, groups or settings). Kept in step after every `migrate`.
"""

from django.contrib.auth.models import Group, Permission

GROUP_NAME = "Editors"
ALL = ("add", "change", "delete", "view")

# app label -> model name -> actions
EDITOR_PERMISSIONS = {
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


def editor_permissions():
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=EDITOR_PERMISSIONS,
        codename__in=[codename for _, codename in codenames],
    ).select_related("content_type")
    wanted = set(codenames)
    return [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]


def ensure_editors_group(sender=None, **kwargs):
    """post_migrate receiver: the group has exactly the editor permissions that exist."""
    if sender is not None and sender.label not in EDITOR_PERMISSIONS:
        return
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(editor_permissions())
