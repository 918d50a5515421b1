"""Which installed distribution provides which top-level module, from the distributions' own metadata.

Writes one JSON object {module: [distribution names, as their metadata spells them]}. A distribution's
modules are the lines of its top_level.txt (*.dist-info or *.egg-info); without one, the first part of
each path its RECORD (or an egg's installed-files.txt) lists: a package folder or a module file,
extension modules included. Nothing is imported: reading metadata runs no project code.
"""
import importlib.metadata as metadata
import json
import re
import sys

EXTENSION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\..*)?\.(py|pyc|so|pyd)$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def declared(dist):
    text = dist.read_text("top_level.txt")
    if not text:
        return []
    tops = [re.split(r"[/.]", line.strip())[0] for line in text.splitlines()]
    return [top for top in dict.fromkeys(tops) if NAME.match(top)]


def inferred(dist):
    modules = []
    for path in dist.files or []:
        parts = path.parts
        if not parts or parts[0] in ("..", "") or parts[0].endswith((".dist-info", ".egg-info", ".data")) or parts[0] == "__pycache__":
            continue
        if len(parts) > 1:
            name = parts[0]
            if NAME.match(name) and name not in modules:
                modules.append(name)
            continue
        match = EXTENSION.match(parts[0])
        if match and match.group(1) not in modules:
            modules.append(match.group(1))
    return modules


def main():
    table = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name:
            continue
        for module in declared(dist) or inferred(dist):
            names = table.setdefault(module, [])
            if name not in names:
                names.append(name)
    json.dump(table, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
