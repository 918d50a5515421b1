import type { Rule } from '../core/rule.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, includes, isTrueOf, report, truthyOf, type CheckContext } from './rule-kit.js';
import { and3, not3, type Tri } from './tri.js';
import { atLeast } from './versions.js';

const SESSION_APP = 'django.contrib.sessions';
const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';

/**
 * Django warns once per place sessions are switched on: the app (W010/W013), the middleware (W011/W014),
 * or both at once (W012/W015). Before 4.1 any truthy value passed; since 4.1 only True does.
 */
interface CookieFlag {
  setting: 'SESSION_COOKIE_SECURE' | 'SESSION_COOKIE_HTTPONLY';
  ids: { app: string; middleware: string; both: string };
  /** Why it matters, for the catalogue. */
  why: string;
  consequence: string;
}

const FLAGS: CookieFlag[] = [
  {
    setting: 'SESSION_COOKIE_SECURE',
    ids: { app: 'security.W010', middleware: 'security.W011', both: 'security.W012' },
    why: 'A session cookie sent over plain HTTP can be read on the network and used to take over the session.',
    consequence: 'Using a secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions.',
  },
  {
    setting: 'SESSION_COOKIE_HTTPONLY',
    ids: { app: 'security.W013', middleware: 'security.W014', both: 'security.W015' },
    why: 'A session cookie readable from JavaScript can be stolen through any cross-site scripting hole.',
    consequence: 'Using an HttpOnly session cookie makes it more difficult for cross-site scripting attacks to hijack user sessions.',
  },
];

export function flagIsOff(ctx: CheckContext, setting: string): Tri {
  const read = ctx.setting(setting);
  return not3(atLeast(ctx.version, 4, 1) ? isTrueOf(read) : truthyOf(read));
}

type Place = 'app' | 'middleware' | 'both';

const PLACE_WORDS: Record<Place, string> = {
  app: `'${SESSION_APP}' in INSTALLED_APPS only`,
  middleware: 'SessionMiddleware in MIDDLEWARE only',
  both: 'both the sessions app and SessionMiddleware',
};

function sessionRule(flag: CookieFlag, place: Place): Rule<DjangoFacts> {
  const where = {
    app: `You have '${SESSION_APP}' in your INSTALLED_APPS, but you have not set ${flag.setting} to True.`,
    middleware: `You have '${SESSION_MIDDLEWARE}' in your MIDDLEWARE, but you have not set ${flag.setting} to True.`,
    both: `${flag.setting} is not set to True.`,
  }[place];
  return djangoRule({
    id: flag.ids[place],
    title: `${flag.setting} is True`,
    explain: {
      checks: `Whether ${flag.setting} is True when sessions are on through ${PLACE_WORDS[place]}.`,
      why: flag.why,
      example: `${flag.setting} = False`,
      fix: `${flag.setting} = True`,
    },
    check: (ctx) => {
      const app = includes(ctx.setting('INSTALLED_APPS'), SESSION_APP);
      const middleware = includes(ctx.setting('MIDDLEWARE'), SESSION_MIDDLEWARE);
      const placeMatches = {
        app: and3(app, not3(middleware)),
        middleware: and3(middleware, not3(app)),
        both: and3(app, middleware),
      }[place];
      return report({
        fires: and3(flagIsOff(ctx, flag.setting), placeMatches),
        at: ctx.setting(flag.setting),
        message: `${where} ${flag.consequence}`,
        hint: `Set ${flag.setting} = True.`,
        question: `${flag.setting} is True where sessions are used`,
      });
    },
  });
}

export const sessionRules: Rule<DjangoFacts>[] = FLAGS.flatMap((flag) =>
  (['app', 'middleware', 'both'] as const).map((place) => sessionRule(flag, place)),
);
