"""The layout a maintainer relies on: imports run faq -> articles -> comparisons -> evidence ->
gutguide core, the core imports no app, and no two modules import each other, not even from inside a
function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("gutguide", "evidence", "comparisons", "articles", "faq")
# Who may import whom: each layer only what is below it.
LAYERS = ["gutguide core", "evidence", "comparisons", "articles", "faq", "gutguide wiring"]
# The site's wiring: settings, root URLs, site-wide pages and sitemaps, the demo loader, the
# content files, and generate_articles (it writes articles, comparisons and questions together,
# like the demo loader). Site-wide search is core: gutguide.search imports no app, each app
# registers its models with it.
WIRING = {
    "gutguide.settings",
    "gutguide.urls",
    "gutguide.wsgi",
    "gutguide.views",
    "gutguide.sitemaps",
    "gutguide.management.commands.load_demo_content",
    # The site's content as files: which records are documents (gutguide.portable is the
    # app-free engine), and the two commands that name them.
    "gutguide.content_files",
    "gutguide.management.commands.export_content",
    "gutguide.management.commands.import_content",
    "gutguide.management.commands.generate_articles",
}


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


MODULES = project_modules()


def imports_of(name, path):
    """Every project module `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def layer(name):
    package = name.split(".")[0]
    if package == "gutguide":
        return "gutguide wiring" if name in WIRING else "gutguide core"
    return package


def test_every_package_is_seen():
    assert {name.split(".")[0] for name in MODULES} == set(PACKAGES)
    assert "comparisons.models" in MODULES and "gutguide.models" in MODULES


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_one_way(name):
    allowed = LAYERS[: LAYERS.index(layer(name)) + 1]
    upward = sorted(target for target in GRAPH[name] if layer(target) not in allowed)

    assert upward == [], f"{name} ({layer(name)}) imports {upward}"


def test_no_two_modules_import_each_other_even_indirectly():
    cycles = []
    state = {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])

    assert cycles == []


def test_the_core_imports_no_app():
    core = [name for name in MODULES if layer(name) == "gutguide core"]
    assert {"gutguide.models", "gutguide.forms", "gutguide.admin", "gutguide.markdown"} <= set(core)
    for name in core:
        assert {layer(target) for target in GRAPH[name]} <= {"gutguide core"}, name
