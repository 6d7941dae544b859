// What can be checked of deploy/ on a machine without Docker or Kubernetes: every file parses,
// every variable is one the app's configuration reads, every file an image build copies and every
// command a container runs exist, the probes hit the health routes, and the dashboard queries only
// documented metrics. Building the images and running compose or the manifests is not done here.
import { PATH_METADATA } from '@nestjs/common/constants';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { HealthController } from '../../apps/api/src/health/health.controller';
import { CONFIG_VARIABLES } from '../../libs/config/src/rectify-config';

const REPO = path.resolve(__dirname, '../..');
const DEPLOY = path.join(REPO, 'deploy');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
// The Temporal server renders a config whose first line is `# enable-template` as a Go template
// before it reads the YAML; the check stands in for that rendering by dropping the lines that only
// bind template variables and putting a scalar where each action prints.
function yamlText(file: string): string {
  const text = read(file);
  if (!text.startsWith('# enable-template')) return text;
  return text
    .split('\n')
    .filter((line) => !/^\s*\{\{-?\s*\$\w+\s*:=.*\}\}\s*$/.test(line))
    .join('\n')
    .replace(/\{\{[^}]*\}\}/g, '0');
}
const yamlDocs = (file: string): Doc[] =>
  parseAllDocuments(read(file)).map((d) => d.toJS({ maxAliasCount: 100 }));

// `node dist/a/b.js` runs what `npm run build` compiles from a/b.ts (or writes, for the bundle).
function builtFileExists(distPath: string): boolean {
  if (distPath === 'dist/workflow-bundle.js')
    return read(path.join(REPO, 'scripts/build-workflow-bundle.ts')).includes(`'${distPath}'`);
  return fs.existsSync(path.join(REPO, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts')));
}
const distPaths = (text: string) => [...text.matchAll(/\bdist\/[\w./-]+\.js\b/g)].map((m) => m[0]);

const HEALTH_ROUTES = (() => {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const proto = HealthController.prototype as unknown as Record<string, object>;
  return Object.getOwnPropertyNames(proto)
    .filter((name) => name !== 'constructor')
    .map((name) => Reflect.getMetadata(PATH_METADATA, proto[name]) as string | undefined)
    .filter((sub): sub is string => sub !== undefined)
    .map((sub) => `/${[base, sub].filter((p) => p && p !== '/').join('/')}`);
})();

describe('deploy/: the files that can be checked without Docker or Kubernetes', () => {
  it('has YAML and JSON files that all parse', () => {
    const yamls = filesUnder(DEPLOY, /\.ya?ml$/);
    expect(yamls.length).toBeGreaterThan(8);
    for (const file of yamls) {
      const errors = parseAllDocuments(yamlText(file)).flatMap((d) => d.errors.map((e) => e.message));
      expect({ file, errors }).toEqual({ file, errors: [] });
    }
    for (const file of filesUnder(DEPLOY, /\.json$/)) expect(() => JSON.parse(read(file))).not.toThrow();
  });

  describe('the Dockerfiles', () => {
    const dockerfiles = ['api.Dockerfile', 'worker.Dockerfile'];

    it.each(dockerfiles)('deploy/%s: multi-stage, production dependencies only, a non-root user', (file) => {
      const text = read(path.join(DEPLOY, file));
      const stages = text.split(/^FROM /m).slice(1);
      expect(stages.length).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/^RUN npm run build$/m);
      expect(JSON.parse(read(path.join(REPO, 'package.json'))).scripts.build).toContain(
        'build-workflow-bundle',
      );
      expect(text).toMatch(/npm ci --omit=dev/);
      const final = stages[stages.length - 1];
      expect(final).toMatch(/^USER node$/m);
      expect(final).not.toMatch(/^USER root$/m);
      expect(final).toMatch(/COPY --from=production-deps \/app\/node_modules node_modules/);
    });

    it.each(dockerfiles)('deploy/%s: copies files that exist, which its ignore file lets in', (file) => {
      const text = read(path.join(DEPLOY, file));
      const ignore = read(path.join(DEPLOY, `${file}.dockerignore`)).split('\n');
      const sources = [...text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
      expect(sources.length).toBeGreaterThan(5);
      for (const source of sources) {
        expect({ source, exists: fs.existsSync(path.join(REPO, source)) }).toEqual({ source, exists: true });
        const included = ignore.includes(`!${source}`) || ignore.includes(`!${source}/**`);
        expect({ source, included }).toEqual({ source, included: true });
      }
    });

    it.each(dockerfiles)('deploy/%s: runs commands the build produces', (file) => {
      const paths = distPaths(read(path.join(DEPLOY, file)));
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) expect({ p, built: builtFileExists(p) }).toEqual({ p, built: true });
    });

    it('gives the worker image its prebuilt workflow bundle', () => {
      expect(read(path.join(DEPLOY, 'worker.Dockerfile'))).toMatch(
        /RECTIFY_WORKFLOW_BUNDLE=dist\/workflow-bundle\.js/,
      );
    });
  });

  describe('the compose file', () => {
    const compose: Doc = parseYaml(read(path.join(DEPLOY, 'docker-compose.yml')), { merge: true });
    const rectify = Object.entries<Doc>(compose.services).filter(([, s]) => s.build);

    it('runs api, worker and a one-shot migrate + search-attribute job beside PostgreSQL and Temporal', () => {
      expect(rectify.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
      expect(compose.services.temporal.image).toMatch(/^temporalio\/(auto-setup|server):/);
      expect(compose.services.temporal.environment.DB).toBe('postgres12');
      expect(compose.services.postgresql.image).toMatch(/^postgres:/);
      const migrate = compose.services.migrate.command.join(' ');
      expect(migrate).toContain('node dist/apps/cli/src/main.js migrate');
      expect(migrate).toContain('node dist/apps/cli/src/main.js register-search-attributes');
      for (const name of ['api', 'worker'])
        expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
    });

    it('sets only variables the configuration reads', () => {
      for (const [name, service] of rectify) {
        const unknown = Object.keys(service.environment).filter((k) => !CONFIG_VARIABLES.includes(k));
        expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
      }
    });

    it('builds from the Dockerfiles, and runs commands the build produces', () => {
      for (const [, service] of rectify) {
        expect(fs.existsSync(path.join(DEPLOY, service.build.context, service.build.dockerfile))).toBe(true);
        for (const p of distPaths(JSON.stringify(service)))
          expect({ p, built: builtFileExists(p) }).toEqual({ p, built: true });
      }
      expect(distPaths(JSON.stringify(compose.services.api.healthcheck))).toEqual([]);
      expect(JSON.stringify(compose.services.api.healthcheck)).toContain('/health/ready');
    });
  });

  describe('the compose file with the observe profile', () => {
    const compose: Doc = parseYaml(read(path.join(DEPLOY, 'docker-compose.yml')), { merge: true });

    it('mounts files that exist', () => {
      const mounts = Object.values<Doc>(compose.services)
        .flatMap((s) => (s.volumes ?? []) as string[])
        .filter((v) => v.startsWith('./'))
        .map((v) => v.split(':')[0]);
      expect(mounts.length).toBeGreaterThan(2);
      for (const m of mounts)
        expect({ m, exists: fs.existsSync(path.join(DEPLOY, m)) }).toEqual({ m, exists: true });
    });

    it('has Prometheus scrape the ports the API and the worker serve metrics on', () => {
      const prometheus: Doc = parseYaml(read(path.join(DEPLOY, 'prometheus/prometheus.yml')));
      const targets: string[] = prometheus.scrape_configs.flatMap((c: Doc) =>
        c.static_configs.flatMap((s: Doc) => s.targets),
      );
      const served = [
        `api:${compose.services.api.environment.PORT}`,
        `worker:${compose.services.worker.environment.RECTIFY_WORKER_METRICS_PORT}`,
        `worker:${compose.services.worker.environment.RECTIFY_WORKER_SDK_METRICS_PORT}`,
      ];
      expect(targets.sort()).toEqual(served.sort());
    });
  });

  describe('the Kubernetes manifests', () => {
    const k8s = path.join(DEPLOY, 'k8s');
    const kustomization: Doc = parseYaml(read(path.join(k8s, 'kustomization.yaml')));
    const resources: Doc[] = (kustomization.resources as string[]).flatMap((f) =>
      yamlDocs(path.join(k8s, f)),
    );
    const ofKind = (kind: string) => resources.filter((r) => r.kind === kind);
    const named = (kind: string, name: string) => ofKind(kind).find((r) => r.metadata.name === name);
    const workloads = [...ofKind('Deployment'), ...ofKind('Job')];
    const containers = workloads.flatMap((w) =>
      w.spec.template.spec.containers.map((c: Doc) => ({ workload: w.metadata.name, ...c })),
    );

    it('lists files that exist, with Deployments for api and worker, a Service and a migrate Job', () => {
      for (const f of kustomization.resources) expect(fs.existsSync(path.join(k8s, f))).toBe(true);
      expect(
        ofKind('Deployment')
          .map((d) => d.metadata.name)
          .sort(),
      ).toEqual(['rectify-api', 'rectify-worker']);
      expect(ofKind('Job').map((d) => d.metadata.name)).toEqual(['rectify-migrate']);
      expect(named('Service', 'rectify-api').spec.selector).toEqual(
        named('Deployment', 'rectify-api').spec.template.metadata.labels,
      );
    });

    it('gives containers only variables the configuration reads, directly or from the ConfigMap and Secret', () => {
      for (const c of containers) {
        const fromRefs = (c.envFrom ?? []).flatMap((ref: Doc) => {
          const source = ref.configMapRef
            ? named('ConfigMap', ref.configMapRef.name)
            : named('Secret', ref.secretRef.name);
          expect(source).toBeDefined();
          return Object.keys(source.data ?? source.stringData ?? {});
        });
        const names = [...fromRefs, ...(c.env ?? []).map((e: Doc) => e.name)];
        expect(names.length).toBeGreaterThan(3);
        const unknown = names.filter((k: string) => !CONFIG_VARIABLES.includes(k));
        expect({ container: c.workload, unknown }).toEqual({ container: c.workload, unknown: [] });
      }
    });

    it('runs as a non-root user and only commands the build produces, in the images compose builds', () => {
      const compose: Doc = parseYaml(read(path.join(DEPLOY, 'docker-compose.yml')), { merge: true });
      const images = [compose.services.api.image, compose.services.worker.image];
      for (const w of workloads) expect(w.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      for (const c of containers) {
        expect(images).toContain(c.image);
        for (const p of distPaths(JSON.stringify(c)))
          expect({ p, built: builtFileExists(p) }).toEqual({ p, built: true });
      }
    });

    it('probes the API on its liveness and readiness routes', () => {
      const api = containers.find((c) => c.workload === 'rectify-api');
      expect(HEALTH_ROUTES).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
      expect(api.livenessProbe.httpGet.path).toBe('/health/live');
      expect(api.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(HEALTH_ROUTES).toContain(api.startupProbe.httpGet.path);
    });
  });

  it('has Helm values for the official Temporal chart with PostgreSQL persistence and the tested server version', () => {
    const values: Doc = parseYaml(read(path.join(DEPLOY, 'helm/temporal-values.yaml')));
    for (const store of ['default', 'visibility']) {
      expect(values.server.config.persistence[store].driver).toBe('sql');
      expect(values.server.config.persistence[store].sql.driver).toBe('postgres12');
    }
    expect(values.cassandra.enabled).toBe(false);
    expect(values.elasticsearch.enabled).toBe(false);
    const compose: Doc = parseYaml(read(path.join(DEPLOY, 'docker-compose.yml')));
    expect(compose.services.temporal.image).toBe(`temporalio/auto-setup:${values.server.image.tag}`);
  });

  it('has a Grafana dashboard that queries only the metrics docs/operations.md lists', () => {
    const dashboard = JSON.parse(read(path.join(DEPLOY, 'grafana/rectify-dashboard.json')));
    const exprs: string[] = dashboard.panels.flatMap((p: Doc) => (p.targets ?? []).map((t: Doc) => t.expr));
    const used = new Set(
      exprs.flatMap((e) =>
        [...e.matchAll(/\b((?:rectify|temporal)_[a-z_]+)/g)].map((m) =>
          m[1].replace(/_(bucket|count|sum)$/, ''),
        ),
      ),
    );
    const documented = new Set(
      [...read(path.join(REPO, 'docs/operations.md')).matchAll(/`((?:rectify|temporal)_[a-z_]+)`/g)].map(
        (m) => m[1],
      ),
    );
    expect([...used].filter((m) => !documented.has(m))).toEqual([]);
    for (const series of [
      'rectify_ladder_step_lateness_seconds',
      'rectify_measures_open',
      'rectify_notification_deliveries',
    ])
      expect(used).toContain(series);
  });
});
