import { attachmentInclusion, expandAddonPlans } from '../platform/addons.js';
import { availableStacks, dynoSizeShape, offeredDynoSizes, regionShapes, resolveDynoSize, resolveStack, stackShape } from '../platform/catalog.js';
import { notFound } from '../platform/errors.js';
import type { Route } from './router.js';

/**
 * The Platform API v3 subset implanta uses, path for path as Heroku documents it. Each route hands the
 * request to a platform service; the services answer with the Heroku-typed shapes.
 */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/account', handle: ({ platform }) => platform.account.info() },
  { method: 'GET', path: '/account/rate-limits', handle: ({ rateLimitRemaining }) => ({ remaining: rateLimitRemaining }) },
  // Account features are Heroku's own betas; the local platform has none (app features are below).
  { method: 'GET', path: '/account/features', ranges: ['id', 'name'], handle: () => [] },
  { method: 'GET', path: '/account/features/:feature', handle: () => { throw notFound('feature'); } },
  { method: 'PATCH', path: '/account/features/:feature', handle: () => { throw notFound('feature'); } },

  { method: 'GET', path: '/regions', ranges: ['id', 'name'], handle: () => regionShapes() },
  {
    method: 'GET',
    path: '/regions/:region',
    handle: ({ params }) => {
      const region = regionShapes().find((r) => r.id === params.region || r.name === params.region);
      if (!region) throw notFound('region');
      return region;
    },
  },

  { method: 'GET', path: '/stacks', ranges: ['id', 'name'], handle: ({ platform }) => availableStacks(platform.now()) },
  {
    method: 'GET',
    path: '/stacks/:stack',
    handle: ({ platform, params }) => {
      const stack = resolveStack(params.stack!, platform.now());
      if (!stack) throw notFound('stack');
      return stackShape(stack.name, platform.now());
    },
  },
  { method: 'GET', path: '/dyno-sizes', ranges: ['id', 'name'], handle: () => offeredDynoSizes().map(dynoSizeShape) },
  {
    method: 'GET',
    path: '/dyno-sizes/:size',
    handle: ({ params }) => {
      const size = resolveDynoSize(params.size!);
      if (!size) throw notFound('dyno size');
      return dynoSizeShape(size);
    },
  },

  { method: 'GET', path: '/apps', ranges: ['id', 'name', 'updated_at'], handle: ({ platform }) => platform.apps.list() },
  {
    // `heroku apps` lists the user's apps: `~` is the token's account, which owns every local app.
    method: 'GET',
    path: '/users/:user/apps',
    ranges: ['id', 'name', 'updated_at'],
    handle: ({ platform, params }) => {
      const owner = platform.account.owner();
      if (![owner.id, owner.email, '~'].includes(params.user!)) throw notFound('user');
      return platform.apps.list();
    },
  },
  { method: 'POST', path: '/apps', status: 201, handle: ({ platform, body }) => platform.apps.create(body) },
  { method: 'GET', path: '/apps/:app', handle: ({ platform, params }) => platform.apps.info(params.app!) },
  { method: 'PATCH', path: '/apps/:app', handle: ({ platform, params, body }) => platform.apps.update(params.app!, body) },
  { method: 'DELETE', path: '/apps/:app', handle: ({ platform, params }) => platform.apps.delete(params.app!) },
  { method: 'POST', path: '/apps/:app/acm', handle: ({ platform, params }) => platform.apps.setAcm(params.app!, true) },
  { method: 'PATCH', path: '/apps/:app/acm', handle: ({ platform, params }) => platform.apps.info(params.app!) },
  { method: 'DELETE', path: '/apps/:app/acm', handle: ({ platform, params }) => platform.apps.setAcm(params.app!, false) },

  { method: 'GET', path: '/apps/:app/formation', ranges: ['id', 'type'], handle: ({ platform, params }) => platform.formation.list(params.app!) },
  { method: 'PATCH', path: '/apps/:app/formation', handle: ({ platform, params, body }) => platform.formation.batchUpdate(params.app!, body) },
  { method: 'GET', path: '/apps/:app/formation/:type', handle: ({ platform, params }) => platform.formation.info(params.app!, params.type!) },
  {
    method: 'PATCH',
    path: '/apps/:app/formation/:type',
    handle: ({ platform, params, body }) => platform.formation.update(params.app!, params.type!, body),
  },

  { method: 'GET', path: '/addons', ranges: ['id', 'name'], handle: ({ platform, headers }) => expandAddonPlans(platform.addons.listAll(), headers['accept-expansion']) },
  { method: 'POST', path: '/actions/addons/resolve', handle: ({ platform, body, headers }) => expandAddonPlans(platform.addons.resolve(body), headers['accept-expansion']) },
  {
    method: 'POST',
    path: '/actions/addon-attachments/resolve',
    handle: ({ platform, body, headers }) => platform.addons.resolveAttachments(body, attachmentInclusion(headers['accept-inclusion'])),
  },
  {
    method: 'GET',
    path: '/addon-attachments',
    ranges: ['id', 'name'],
    handle: ({ platform, headers }) => platform.addons.allAttachments(attachmentInclusion(headers['accept-inclusion'])),
  },
  {
    method: 'GET',
    path: '/addon-attachments/:attachment',
    handle: ({ platform, params, headers }) => platform.addons.attachmentInfo(params.attachment!, undefined, attachmentInclusion(headers['accept-inclusion'])),
  },
  {
    method: 'GET',
    path: '/addons/:addon/addon-attachments',
    ranges: ['id', 'name'],
    handle: ({ platform, params, headers }) => platform.addons.attachmentsOf(params.addon!, attachmentInclusion(headers['accept-inclusion'])),
  },
  { method: 'GET', path: '/addons/:addon', handle: ({ platform, params, headers }) => expandAddonPlans(platform.addons.info(params.addon!), headers['accept-expansion']) },
  { method: 'GET', path: '/apps/:app/addons', ranges: ['id', 'name'], handle: ({ platform, params, headers }) => expandAddonPlans(platform.addons.list(params.app!), headers['accept-expansion']) },
  { method: 'POST', path: '/apps/:app/addons', status: 201, handle: ({ platform, params, body }) => platform.addons.create(params.app!, body) },
  { method: 'GET', path: '/apps/:app/addons/:addon', handle: ({ platform, params, headers }) => expandAddonPlans(platform.addons.infoForApp(params.app!, params.addon!), headers['accept-expansion']) },
  { method: 'DELETE', path: '/apps/:app/addons/:addon', handle: ({ platform, params }) => platform.addons.delete(params.app!, params.addon!) },
  {
    method: 'GET',
    path: '/apps/:app/addon-attachments',
    ranges: ['id', 'name'],
    handle: ({ platform, params, headers }) => platform.addons.attachments(params.app!, attachmentInclusion(headers['accept-inclusion'])),
  },
  {
    method: 'GET',
    path: '/apps/:app/addon-attachments/:attachment',
    handle: ({ platform, params, headers }) => platform.addons.attachmentInfo(params.attachment!, params.app!, attachmentInclusion(headers['accept-inclusion'])),
  },

  { method: 'GET', path: '/apps/:app/collaborators', ranges: ['id'], handle: ({ platform, params }) => platform.collaborators.list(params.app!) },
  {
    method: 'GET',
    path: '/apps/:app/collaborators/:collaborator',
    handle: ({ platform, params }) => platform.collaborators.info(params.app!, params.collaborator!),
  },

  { method: 'GET', path: '/apps/:app/buildpack-installations', handle: ({ platform, params }) => platform.buildpacks.list(params.app!) },
  { method: 'PUT', path: '/apps/:app/buildpack-installations', handle: ({ platform, params, body }) => platform.buildpacks.replace(params.app!, body) },

  { method: 'GET', path: '/apps/:app/config-vars', handle: ({ platform, params }) => platform.config.info(params.app!) },
  { method: 'PATCH', path: '/apps/:app/config-vars', handle: ({ platform, params, body }) => platform.config.update(params.app!, body) },

  { method: 'GET', path: '/apps/:app/domains', ranges: ['id', 'hostname'], handle: ({ platform, params }) => platform.domains.list(params.app!) },
  { method: 'POST', path: '/apps/:app/domains', status: 201, handle: ({ platform, params, body }) => platform.domains.create(params.app!, body) },
  { method: 'GET', path: '/apps/:app/domains/:domain', handle: ({ platform, params }) => platform.domains.info(params.app!, params.domain!) },
  {
    method: 'PATCH',
    path: '/apps/:app/domains/:domain',
    handle: ({ platform, params, body }) => platform.domains.update(params.app!, params.domain!, body),
  },
  { method: 'DELETE', path: '/apps/:app/domains/:domain', handle: ({ platform, params }) => platform.domains.delete(params.app!, params.domain!) },

  {
    method: 'GET',
    path: '/apps/:app/sni-endpoints',
    ranges: ['id', 'name'],
    handle: ({ platform, params }) => platform.sniEndpoints.list(params.app!),
  },
  {
    method: 'POST',
    path: '/apps/:app/sni-endpoints',
    status: 201,
    handle: ({ platform, params, body }) => platform.sniEndpoints.create(params.app!, body),
  },
  { method: 'GET', path: '/apps/:app/sni-endpoints/:sni', handle: ({ platform, params }) => platform.sniEndpoints.info(params.app!, params.sni!) },
  {
    method: 'PATCH',
    path: '/apps/:app/sni-endpoints/:sni',
    handle: ({ platform, params, body }) => platform.sniEndpoints.update(params.app!, params.sni!, body),
  },
  { method: 'DELETE', path: '/apps/:app/sni-endpoints/:sni', handle: ({ platform, params }) => platform.sniEndpoints.delete(params.app!, params.sni!) },

  { method: 'GET', path: '/apps/:app/log-drains', ranges: ['id', 'url'], handle: ({ platform, params }) => platform.logDrains.list(params.app!) },
  { method: 'POST', path: '/apps/:app/log-drains', status: 201, handle: ({ platform, params, body }) => platform.logDrains.create(params.app!, body) },
  { method: 'GET', path: '/apps/:app/log-drains/:drain', handle: ({ platform, params }) => platform.logDrains.info(params.app!, params.drain!) },
  { method: 'DELETE', path: '/apps/:app/log-drains/:drain', handle: ({ platform, params }) => platform.logDrains.delete(params.app!, params.drain!) },

  { method: 'GET', path: '/apps/:app/features', ranges: ['id', 'name'], handle: ({ platform, params }) => platform.features.list(params.app!) },
  { method: 'GET', path: '/apps/:app/features/:feature', handle: ({ platform, params }) => platform.features.info(params.app!, params.feature!) },
  {
    method: 'PATCH',
    path: '/apps/:app/features/:feature',
    handle: ({ platform, params, body }) => platform.features.update(params.app!, params.feature!, body),
  },

  { method: 'GET', path: '/apps/:app/releases', ranges: ['id', 'version'], handle: ({ platform, params }) => platform.releases.list(params.app!) },
  { method: 'POST', path: '/apps/:app/releases', status: 201, handle: ({ platform, params, body }) => platform.releases.createFromRequest(params.app!, body) },
  { method: 'GET', path: '/apps/:app/releases/:release', handle: ({ platform, params }) => platform.releases.info(params.app!, params.release!) },
  {
    method: 'GET',
    path: '/apps/:app/releases/:release/config-vars',
    handle: ({ platform, params }) => platform.releases.config(params.app!, params.release!),
  },

  { method: 'POST', path: '/apps/:app/slugs', status: 201, handle: ({ platform, params, body }) => platform.slugs.create(params.app!, body) },
  { method: 'GET', path: '/apps/:app/slugs/:slug', handle: ({ platform, params }) => platform.slugs.info(params.app!, params.slug!) },

  { method: 'GET', path: '/apps/:app/builds', ranges: ['id', 'created_at'], handle: ({ platform, params }) => platform.builds.list(params.app!) },
  { method: 'POST', path: '/apps/:app/builds', status: 201, handle: ({ platform, params, body }) => platform.builds.create(params.app!, body) },
  { method: 'GET', path: '/apps/:app/builds/:build', handle: ({ platform, params }) => platform.builds.info(params.app!, params.build!) },
];
