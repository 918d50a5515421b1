"""
Prints the settings a Django process sees, as one JSON line, for `implanta check --settings-source python`.

Run with the project root as the working directory and DJANGO_SETTINGS_MODULE set. Only the settings
module is imported (no django.setup(): apps, logging and databases stay untouched). Output on stdout:

  {"django": "3.2.25", "module": "...", "file": "/abs/settings.py", "files": [...],
   "explicit": ["DEBUG", ...], "settings": {"DEBUG": false, ...}}

or, when the module cannot be imported, {"error": "KeyError: 'SECRET_KEY'", "file": ..., "line": ...}
with exit status 1. Anything the settings print themselves is sent to stderr so the JSON stays whole.
"""
import contextlib
import json
import math
import os
import sys
import traceback

MAX_DEPTH = 20


def main():
    root = os.getcwd()
    # sys.path[0] is this script's folder; the project must be importable instead, as under manage.py.
    sys.path[0] = root
    try:
        with contextlib.redirect_stdout(sys.stderr):
            result = dump(root)
    except BaseException as error:  # noqa: B036 - settings may sys.exit() or raise anything
        print(json.dumps(describe_error(error, root)))
        return 1
    print(json.dumps(result, allow_nan=False))
    return 0


def dump(root):
    import django
    from django.conf import settings

    module_name = os.environ["DJANGO_SETTINGS_MODULE"]
    before = set(sys.modules)
    names = sorted(name for name in dir(settings) if name.isupper())  # dir() imports the module
    wrapped = settings._wrapped
    return {
        "django": django.get_version(),
        "module": module_name,
        "file": getattr(sys.modules[module_name], "__file__", None),
        # Project files imported while loading the settings (a base module they star-import, say).
        "files": [
            module.__file__
            for name, module in list(sys.modules.items())
            if name not in before and is_project_file(getattr(module, "__file__", None), root)
        ],
        "explicit": [name for name in names if settings.is_overridden(name)],
        # Raw values as the module left them: LazySettings would rewrite STATIC_URL and refuse an empty
        # SECRET_KEY on newer Django, and the static evaluator reports raw values too.
        "settings": {name: to_json(getattr(wrapped, name)) for name in names},
    }


def is_project_file(path, root):
    # Frames of frozen modules are named like "<frozen os>", not paths; a virtualenv inside the project
    # is not the project.
    if not path or not os.path.isabs(path) or not path.startswith(root + os.sep):
        return False
    return "site-packages" not in path and "dist-packages" not in path


def to_json(value, depth=0):
    if depth > MAX_DEPTH:
        return {"__repr__": "<nested too deep>"}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__repr__": repr(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return [to_json(item, depth + 1) for item in sorted(value, key=repr)]
    if isinstance(value, dict):
        return {str(key): to_json(item, depth + 1) for key, item in value.items()}
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return {"__repr__": safe_repr(value)}


def safe_repr(value):
    try:
        return repr(value)
    except Exception:
        return "<%s>" % type(value).__name__


def describe_error(error, root):
    message = traceback.format_exception_only(type(error), error)[-1].strip()
    described = {"error": message}
    # Where in the project it went wrong: a syntax error names its own place, others the deepest frame.
    if isinstance(error, SyntaxError) and error.filename:
        described.update(file=error.filename, line=error.lineno)
    else:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if is_project_file(frame.filename, root):
                described.update(file=frame.filename, line=frame.lineno)
                break
    return described


if __name__ == "__main__":
    sys.exit(main())
