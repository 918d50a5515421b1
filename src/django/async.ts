import type { Rule } from '../core/rule.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule } from './rule-kit.js';

/** Django tests `os.environ.get(...)` for truthiness: any non-empty value, even "0" or "false", switches safety off. */
const E001 = djangoRule({
  id: 'async.E001',
  title: 'DJANGO_ALLOW_ASYNC_UNSAFE is not set',
  docsSection: 'asynchronous-support',
  check: (ctx) =>
    ctx.facts.env.DJANGO_ALLOW_ASYNC_UNSAFE
      ? [
          {
            message:
              'You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable in deployment. This disables async safety protection.',
            hint: 'Unset DJANGO_ALLOW_ASYNC_UNSAFE (heroku config:unset DJANGO_ALLOW_ASYNC_UNSAFE); even "0" or "false" switches the protection off.',
          },
        ]
      : [],
});

export const asyncRules: Rule<DjangoFacts>[] = [E001];
