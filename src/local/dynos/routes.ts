import type { Route } from '../api/router.js';
import { notFound } from '../platform/errors.js';
import type { DynoManager } from './dyno-manager.js';
import { dynoShape } from './dyno-shape.js';
import type { LogSessions } from './log-sessions.js';

/**
 * The Platform API routes of the running side: dynos (list, info, restart) and log sessions. Restarts
 * answer at once (202, as Heroku does) and happen in the background.
 */
export function dynoRoutes(dynos: DynoManager, logSessions: LogSessions): Route[] {
  return [
    {
      method: 'GET',
      path: '/apps/:app/dynos',
      ranges: ['id', 'name'],
      handle: ({ platform, params }) => {
        const app = platform.apps.find(params.app!);
        return dynos.list(app.id).map((d) => dynoShape(d, app));
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/dynos/:dyno',
      handle: ({ platform, params }) => {
        const app = platform.apps.find(params.app!);
        const dyno = dynos.list(app.id).find((d) => d.id === params.dyno || d.name === params.dyno);
        if (!dyno) throw notFound('dyno');
        return dynoShape(dyno, app);
      },
    },
    {
      method: 'DELETE',
      path: '/apps/:app/dynos',
      status: 202,
      handle: ({ platform, params }) => {
        void dynos.restart(platform.apps.find(params.app!).id);
        return {};
      },
    },
    {
      method: 'DELETE',
      path: '/apps/:app/dynos/:dyno',
      status: 202,
      handle: ({ platform, params }) => {
        const app = platform.apps.find(params.app!);
        if (!dynos.list(app.id).some((d) => d.id === params.dyno || d.name === params.dyno)) throw notFound('dyno');
        void dynos.restart(app.id, params.dyno);
        return {};
      },
    },
    {
      method: 'DELETE',
      path: '/apps/:app/formations/:type',
      status: 202,
      handle: ({ platform, params }) => {
        void dynos.restart(platform.apps.find(params.app!).id, params.type);
        return {};
      },
    },
    {
      method: 'POST',
      path: '/apps/:app/log-sessions',
      status: 201,
      handle: ({ platform, params, body }) => logSessions.create(platform.apps.find(params.app!).id, body),
    },
  ];
}
