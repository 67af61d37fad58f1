"""The documentation keeps up with the code: every environment variable is described."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented():
    code = "\n".join(path.read_text() for path in (ROOT / "farewell").rglob("*.py") if "tests" not in path.parts)
    variables = set(re.findall(r'"((?:FAREWELL|DATABASE)_[A-Z_]+?)(?:_FILE)?"', code)) - {"FAREWELL_"}
    documented = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(name for name in variables if f"`{name}`" not in documented and f"`{name}` (" not in documented)
    assert not missing, f"document these in docs/configuration.md: {missing}"


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
