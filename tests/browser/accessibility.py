"""What the browser tests check on any page: axe-core's findings (bundled by
axe-playwright-python), contrast, sideways overflow, the visibility of comparison values and
CSP violations."""

import re

from axe_playwright_python.sync_playwright import Axe


def serious_accessibility_violations(page):
    """axe-core's serious and critical findings on the page as it is now."""
    results = Axe().run(page)
    return [
        f"{page.url} {violation['id']}: {violation['help']} "
        f"{[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def csp_violations(page):
    """The Content Security Policy violations the page has met (recorded by conftest)."""
    return page.evaluate("window.cspViolations || []")


def sideways_overflow(page):
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def hidden_comparison_values(page):
    """Every comparison cell on the page that a reader cannot see whole within the window's
    width, or (where the table is stacked, on a phone) whose subject label is missing or
    differs from its column's header. Empty when every value is in view and labelled."""
    return page.evaluate(
        """() => {
        const problems = [];
        for (const table of document.querySelectorAll("table.comparison__table")) {
            const headers = [...table.querySelectorAll("thead th")]
                .map(th => th.textContent.trim());
            const stacked = getComputedStyle(table).display === "block";
            table.querySelectorAll("tbody tr").forEach((row, r) => {
                row.querySelectorAll("td").forEach((cell, c) => {
                    const box = cell.getBoundingClientRect();
                    const name = `row ${r + 1}, ${headers[c + 1]}`;
                    if (box.width === 0 || box.height === 0) problems.push(`${name}: not shown`);
                    if (box.left < 0 || box.right > window.innerWidth + 0.5)
                        problems.push(`${name}: ${box.left}-${box.right} outside the window`);
                    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name}: cut off`);
                    const label = cell.querySelector(".comparison__label");
                    const shown = label && getComputedStyle(label).display !== "none";
                    if (stacked && (!shown || label.textContent.trim() !== headers[c + 1]))
                        problems.push(`${name}: no visible label naming its subject`);
                });
            });
        }
        return problems;
    }"""
    )


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(css_color):
    red, green, blue = (float(n) for n in re.findall(r"[\d.]+", css_color)[:3])
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first, second):
    """WCAG contrast ratio of two CSS rgb() colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def focus_ring(page):
    """The focused element's outline (colour, style, width) and the background it is drawn
    on: the nearest opaque background of its parents."""
    return page.evaluate(
        """() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        let parent = el.parentElement, background = "rgb(255, 255, 255)";
        while (parent) {
            const bg = getComputedStyle(parent).backgroundColor;
            if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0")) {
                background = bg;
                break;
            }
            parent = parent.parentElement;
        }
        if (!parent) background = getComputedStyle(document.documentElement).backgroundColor;
        return {
            element: `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`,
            color: style.outlineColor, style: style.outlineStyle,
            width: parseFloat(style.outlineWidth), background,
        };
    }"""
    )
