"""Which of an app's requirements this interpreter can import: the local build's stand-in for pip install.

Reads a JSON list of {"name": normalised distribution, "modules": [import names to try]} on stdin and
writes a JSON list of {"name", "module" (the one that imported, or null), "version" (installed, or null),
"error" (why the last candidate failed, or null)}. Besides the names it is given, it tries the top-level
modules the installed distribution itself declares (importlib.metadata), so an unlisted mapping still
resolves when the distribution is installed.
"""
import importlib
import importlib.metadata as metadata
import json
import re
import sys


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_modules():
    """Installed distribution (normalised) -> the top-level modules it provides."""
    table = {}
    try:
        mapping = metadata.packages_distributions()
    except AttributeError:  # Python before 3.10
        return table
    for module, dists in mapping.items():
        for dist in dists:
            table.setdefault(normalise(dist), []).append(module)
    return table


def installed_version(name):
    try:
        return metadata.version(name)
    except Exception:
        return None


def check(requirement, provided):
    candidates = list(dict.fromkeys(requirement["modules"] + sorted(provided.get(requirement["name"], []))))
    error = None
    for module in candidates:
        try:
            importlib.import_module(module)
            return {"name": requirement["name"], "module": module, "version": installed_version(requirement["name"]), "error": None}
        except Exception as exc:  # any import failure, including a missing C library
            error = f"{type(exc).__name__}: {exc}"
    return {"name": requirement["name"], "module": None, "version": installed_version(requirement["name"]), "error": error}


def main():
    requirements = json.load(sys.stdin)
    provided = declared_modules()
    # A module that prints when imported must not corrupt the answer.
    answer, sys.stdout = sys.stdout, sys.stderr
    results = [check(r, provided) for r in requirements]
    json.dump(results, answer)


if __name__ == "__main__":
    main()
