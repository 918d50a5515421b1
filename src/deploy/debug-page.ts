/**
 * Django's technical pages, shown when DEBUG is True: the 500 traceback (HTML and plain text), the 404
 * "URLconf" page and the rocket start page. Each carries the same sentence about DEBUG; the apostrophe is
 * straight in older versions, curly from 3.1 on, and escaped in some templates.
 */
const MARKERS: RegExp[] = [
  /You(?:'|\u2019|&#39;|&#x27;)re seeing this error because you have (?:<code>)?DEBUG = True/i,
  /You are seeing this page because <a [^>]*>DEBUG=True<\/a> is in your settings file/i,
];

/** The traceback page's structure, for a customised sentence: robots-excluded page with Django's summary block. */
const TRACEBACK_PAGE = /<meta name="robots" content="NONE,NOARCHIVE">[\s\S]*<div id="summary">/i;

/** Which marker of a Django debug page the body shows, if any. */
export function djangoDebugMarker(body: string): string | undefined {
  for (const marker of MARKERS) {
    const match = marker.exec(body);
    if (match) return match[0].replace(/<[^>]+>/g, '');
  }
  return TRACEBACK_PAGE.test(body) ? 'Django technical error page' : undefined;
}
