"""Accessibility checks with axe-core (bundled by axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe


def serious_accessibility_violations(page):
    """axe-core's serious and critical findings on the page as it is now."""
    results = Axe().run(page)
    return [
        f"{page.url} {violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
