/**
 * A dotted module path as Python's import system resolves it. Its parts are folder and file names, not
 * identifiers: `importlib.import_module('8fit.settings.production')`, which Django and gunicorn use,
 * imports from a folder named `8fit` (only the `import` statement needs identifiers). An empty part,
 * a slash or a space is never a module, so a path cannot leave the project.
 */
const MODULE_PATH = /^[\w-]+(\.[\w-]+)*$/;

export function isModulePath(dotted: string): boolean {
  return MODULE_PATH.test(dotted);
}
