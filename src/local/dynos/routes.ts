import type { Route } from '../api/router.js';
import { notFound } from '../platform/errors.js';
import type { DynoManager } from './dyno-manager.js';
import { dynoShape } from './dyno-shape.js';
import type { LogSessions } from './log-sessions.js';
import type { OneOffDynos } from './one-off.js';

/**
 * The Platform API routes of the running side: dynos (list, info, restart, stop), one-off dynos and log
 * sessions. Restarts answer at once (202, as Heroku does) and happen in the background; stopping a
 * one-off dyno ends it, stopping a formation dyno restarts it, as the dyno manager does on Heroku.
 */
export function dynoRoutes(dynos: DynoManager, logSessions: LogSessions, oneOffs: OneOffDynos): Route[] {
  const all = (appId: string) => [...dynos.list(appId), ...oneOffs.list(appId)];
  const shape = (dyno: ReturnType<typeof all>[number], app: { id: string; name: string }) => dynoShape(dyno, app, oneOffs.attachUrl(dyno));
  const stopOne = (appId: string, identity: string) => {
    if (oneOffs.stop(appId, identity)) return;
    if (!dynos.list(appId).some((d) => d.id === identity || d.name === identity)) throw notFound('dyno');
    void dynos.restart(appId, identity);
  };
  return [
    {
      method: 'GET',
      path: '/apps/:app/dynos',
      ranges: ['id', 'name'],
      handle: ({ platform, params }) => {
        const app = platform.apps.find(params.app!);
        return all(app.id).map((d) => shape(d, app));
      },
    },
    {
      method: 'POST',
      path: '/apps/:app/dynos',
      status: 201,
      handle: async ({ platform, params, body }) => {
        const app = platform.apps.find(params.app!);
        return shape(await oneOffs.create(app.id, body), app);
      },
    },
    {
      method: 'GET',
      path: '/apps/:app/dynos/:dyno',
      handle: ({ platform, params }) => {
        const app = platform.apps.find(params.app!);
        const dyno = all(app.id).find((d) => d.id === params.dyno || d.name === params.dyno);
        if (!dyno) throw notFound('dyno');
        return shape(dyno, app);
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
        stopOne(platform.apps.find(params.app!).id, params.dyno!);
        return {};
      },
    },
    {
      method: 'POST',
      path: '/apps/:app/dynos/:dyno/actions/stop',
      status: 202,
      handle: ({ platform, params }) => {
        stopOne(platform.apps.find(params.app!).id, params.dyno!);
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
      path: '/apps/:app/formations/:type/actions/stop',
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
