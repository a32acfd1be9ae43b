"""No import cycle in ``kehoach.core`` (module-level and function-level imports alike):
``core.actor`` <- ``core.models`` <- ``core.audit``."""

import ast
from pathlib import Path

import kehoach.core

CORE = Path(kehoach.core.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every ``kehoach.core`` module a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # from kehoach.core import audit
    return {name for name in found if name.startswith("kehoach.core.")}


def _graph() -> dict[str, set[str]]:
    modules = {
        "kehoach.core." + p.relative_to(CORE).with_suffix("").as_posix().replace("/", "."): p
        for p in CORE.rglob("*.py")
        if "migrations" not in p.parts and p.name != "__init__.py"
    }
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_core_has_no_import_cycle():
    graph = _graph()
    assert "kehoach.core.audit" in graph and "kehoach.core.models" in graph
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_audit_stack_points_down():
    graph = _graph()
    assert graph["kehoach.core.actor"] == set()
    assert "kehoach.core.audit" not in graph["kehoach.core.models"]
    assert "kehoach.core.models" in graph["kehoach.core.audit"]


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
