import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Action } from '../../../../libs/domain/src/authorization';
import { PUBLIC_ROUTE, REQUIRED_ACTION } from './auth.decorators';

export interface RouteDeclaration {
  readonly method: string;
  readonly path: string;
  // What the route declares; null: nothing, so only admins pass the guard.
  readonly declared: { readonly public: string } | { readonly allow: Action } | null;
}

// Every route of every controller with what it declares, for the test that fails on a route
// without a declaration and for the warning the API logs at boot.
export function routeDeclarations(app: INestApplication): RouteDeclaration[] {
  const routes: RouteDeclaration[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const declaredOn = (key: string) =>
          (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as string | undefined;
        const publicName = declaredOn(PUBLIC_ROUTE);
        const action = declaredOn(REQUIRED_ACTION) as Action | undefined;
        routes.push({
          method: RequestMethod[method],
          path: `/${[base, sub]
            .map((p) => p.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/')}`,
          declared: publicName !== undefined ? { public: publicName } : action ? { allow: action } : null,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
