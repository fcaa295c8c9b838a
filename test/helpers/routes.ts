import type { Express } from 'express';

export interface MountedRoute {
  method: string;
  /** As Express has it, with `:params`. */
  path: string;
}

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } };

/** Every route Express has mounted, found by walking the app's router (and the routers inside it). */
export function mountedRoutes(app: Express): MountedRoute[] {
  const found = new Map<string, MountedRoute>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          const route = { method: method.toUpperCase(), path: layer.route.path };
          found.set(`${route.method} ${route.path}`, route);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack as Layer[]);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...found.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The route's path with each `:param` replaced by `params[param]`; a parameter without a value fails loudly. */
export function pathFor(route: MountedRoute, params: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for the path parameter :${name} of ${route.method} ${route.path}`);
    return value;
  });
}

/** Moderators' and admins' routes (everything else is public). */
export const isModeratorRoute = (route: MountedRoute) => /^\/v1\/(moderation|admin)\//.test(route.path);
export const isAdminRoute = (route: MountedRoute) => route.path.startsWith('/v1/admin/');
