/** PEP 503 normalisation: how PyPI and OSV compare project names (`Django_Filter` is `django-filter`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
