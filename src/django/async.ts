import type { Rule } from '../core/rule.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule } from './rule-kit.js';

/** Django tests `os.environ.get(...)` for truthiness: any non-empty value, even "0" or "false", switches safety off. */
const E001 = djangoRule({
  id: 'async.E001',
  title: 'DJANGO_ALLOW_ASYNC_UNSAFE is not set',
  explain: {
    checks: "Whether the DJANGO_ALLOW_ASYNC_UNSAFE environment variable is set to anything at all.",
    why: "It switches off Django's guard against calling the ORM from async code, so a query can run on the event loop and corrupt state shared between requests.",
    example: "heroku config:set DJANGO_ALLOW_ASYNC_UNSAFE=true",
    fix: "heroku config:unset DJANGO_ALLOW_ASYNC_UNSAFE; wrap ORM calls in async views with sync_to_async instead.",
  },
  docsSection: 'asynchronous-support',
  alwaysDecides: true,
  check: (ctx) =>
    ctx.facts.env.DJANGO_ALLOW_ASYNC_UNSAFE
      ? [
          {
            messageId: 'django',
            message:
              'You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable in deployment. This disables async safety protection.',
            hint: 'Unset DJANGO_ALLOW_ASYNC_UNSAFE (heroku config:unset DJANGO_ALLOW_ASYNC_UNSAFE); even "0" or "false" switches the protection off.',
          },
        ]
      : [],
});

export const asyncRules: Rule<DjangoFacts>[] = [E001];
