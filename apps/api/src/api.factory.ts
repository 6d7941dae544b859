import { INestApplication, Logger, LoggerService } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, raw, Request, Response } from 'express';
import helmet from 'helmet';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import {
  MAX_PLAN_FILE_BYTES,
  PLAN_CONTENT_TYPES,
  PLAN_FILE_FORMATS,
} from '../../../libs/plan-io/src/plan-file-format';
import { DOCUMENT_CONTENT_TYPES, UNTYPED_DOCUMENT } from './plans/drafts/document-content-types';
import { JSON_PATCH } from './plans/drafts/draft-review';
import { DomainError } from '../../../libs/domain/src/domain-error';
import { AppModule } from './app.module';
import { AuditTrail } from './audit/audit-trail';
import { routeDeclarations } from './auth/route-permissions';
import { codecCorsOptions } from './codec/codec-cors';
import { ErrorFilter } from './common/error.filter';
import { refuseNulCharacters } from './common/refuse-nul-characters';
import { HttpMetrics } from './observability/http-metrics';
import { httpTracing } from './observability/http-tracing';
import type { ObservabilityOptions } from './observability/observability.module';

// Small JSON bodies where nothing big belongs: sign-in, accounts, feedback (5,000 characters,
// which JSON escapes can make six bytes each), audit.
const SMALL_BODY_ROUTES = ['/auth', '/users', '/feedback', '/audit'];
const MAX_JSON_BODY = '256kb';

// The web app (apps/web, built to dist/web) at `/`: its routes live after `#`, so no path of
// the API is shadowed. Hashed assets are cached for good; index.html is asked for every time.
function serveWebApp(app: NestExpressApplication, root: string): void {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    new Logger('Web').warn(`no web app at ${root} (npm run build makes it); / serves nothing`);
    return;
  }
  app.useStaticAssets(root, {
    index: 'index.html',
    setHeaders: (res, file) =>
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
}

// Builds the HTTP API without listening, so tests and `main.ts` assemble it the same way.
export async function createApiApp(
  config: RectifyConfig,
  // `logger`: where Nest's own lines go instead of the JSON log (tests); the rest: where the JSON
  // log goes and the tracer provider to flush at close (ObservabilityOptions).
  options: { logger?: false | LoggerService } & ObservabilityOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, { logDestination: options.logDestination, tracing: options.tracing }),
    {
      bodyParser: false,
      ...(options.logger === undefined ? { bufferLogs: true } : { logger: options.logger }),
    },
  );
  if (options.logger === undefined) app.useLogger(app.get(PinoNestLogger));
  // An idle keep-alive connection must outlive the client's or proxy's hold on it: when the server
  // closes first, a request already sent on the closing connection fails with ECONNRESET (a 502 at
  // a proxy). Node's default is 5 s; proxies commonly keep idle upstream connections for 60 s.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // First, so the duration covers every middleware, refusals of the body parsers included.
  app.use(app.get(HttpMetrics).middleware());
  // Behind a reverse proxy, the client address comes from X-Forwarded-For, but only from the
  // proxies named here; by default the socket peer is the client.
  app.set('trust proxy', config.http.trustProxy);
  // Helmet's defaults, except upgrading requests to https: that would break /docs on a plain-http
  // LAN address; where TLS ends at a proxy, the proxy sets its own policy.
  // The web app previews evidence images it fetched with the caller's token, as blob: URLs.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, imgSrc: ["'self'", 'data:', 'blob:'] },
      },
    }),
  );
  serveWebApp(app, config.http.webRoot);
  // The codec endpoint has a policy of its own: the Temporal Web UI's origin, with credentials.
  if (config.http.corsOrigins.length || config.http.codecCorsOrigins.length) {
    const general: CorsOptions = config.http.corsOrigins.length
      ? { origin: [...config.http.corsOrigins], allowedHeaders: ['Authorization', 'Content-Type'] }
      : { origin: false };
    const codec = codecCorsOptions(config.http.codecCorsOrigins);
    app.enableCors((req: Request, cb: (e: Error | null, o: CorsOptions) => void) =>
      cb(null, req.path.startsWith('/codec/') ? codec : general),
    );
  }
  // Before any body parser: refusals of the parsers are commands the audit log records too.
  app.use(app.get(AuditTrail).recorder());
  app.use(SMALL_BODY_ROUTES, json({ limit: '64kb' }));
  // Plan files arrive as they were written (JSON, YAML, XLSX), so problems can be placed at
  // lines and cells; over 20 MB they are refused before anything is parsed.
  // Only the import itself (`POST /plans`): commands under /plans/:id/… are ordinary JSON.
  const planFile = raw({
    type: PLAN_FILE_FORMATS.flatMap((f) => PLAN_CONTENT_TYPES[f]),
    limit: MAX_PLAN_FILE_BYTES,
  });
  // A caller without credentials is refused before its plan file is read: the guard comes after
  // the parsers, and nobody anonymous may make the API buffer 20 MB.
  app.use('/plans', (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/') return next();
    if (req.method === 'POST' && !req.headers.authorization)
      return next(new DomainError('UNAUTHENTICATED', 'sign in, or send an API token, to import a plan'));
    return planFile(req, res, next);
  });
  // Documents to draft a plan from (POST /plans/drafts) arrive as they are, under the plan files'
  // limit and after the same check for credentials; edits of a draft are JSON Patch documents.
  const document = raw({
    type: [...Object.values(DOCUMENT_CONTENT_TYPES), UNTYPED_DOCUMENT],
    limit: MAX_PLAN_FILE_BYTES,
  });
  const jsonPatch = json({ type: JSON_PATCH, limit: MAX_JSON_BODY });
  app.use('/plans/drafts', (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'PATCH') return jsonPatch(req, res, next);
    if (req.path !== '/' || req.method !== 'POST') return next();
    if (!req.headers.authorization)
      return next(new DomainError('UNAUTHENTICATED', 'sign in, or send an API token, to draft a plan'));
    return document(req, res, next);
  });
  // Every other JSON body is a command or a form: small. Large bodies (plan files, evidence) have
  // parsers of their own; beyond this, 413 from the declared length, before anything is read.
  app.useBodyParser('json', { limit: MAX_JSON_BODY });
  app.use(refuseNulCharacters());
  app.use(httpTracing());
  app.useGlobalFilters(new ErrorFilter());
  const undeclared = routeDeclarations(app).filter((r) => !r.declared);
  if (undeclared.length) {
    new Logger('Auth').warn(
      `open to admins only (no @Public or @Allow): ${undeclared.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Rectify API')
    .setDescription('Supervisory follow-up (巡视整改督办): plans, measures and their durable workflows')
    .setVersion('0.1.0')
    // 3.1: its schemas are JSON Schema 2020-12, which is what zod and the plan schema produce.
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}
