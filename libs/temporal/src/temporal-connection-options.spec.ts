import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, parseConfig } from '../../config/src/rectify-config';
import { temporalConnectionOptions } from './temporal-connection-options';

describe('how the configuration reaches a Temporal connection', () => {
  let dir: string;
  const files = { cert: 'client.pem', key: 'client.key', ca: 'ca.pem' };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-tls-'));
    for (const [kind, name] of Object.entries(files))
      fs.writeFileSync(path.join(dir, name), `-----BEGIN ${kind}-----\n${kind}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const optionsOf = (env: Record<string, string>) =>
    temporalConnectionOptions(
      parseConfig({ TEMPORAL_ADDRESS: 'temporal.example.org:7233', ...env }, dir).temporal,
    );

  it('connects in plain text with the address alone by default', () => {
    expect(optionsOf({})).toEqual({ address: 'temporal.example.org:7233' });
  });

  it('presents the client certificate pair and trusts the given CA (mutual TLS)', () => {
    expect(
      optionsOf({
        RECTIFY_TEMPORAL_TLS_CERT: files.cert,
        RECTIFY_TEMPORAL_TLS_KEY: files.key,
        RECTIFY_TEMPORAL_TLS_CA: files.ca,
      }),
    ).toEqual({
      address: 'temporal.example.org:7233',
      tls: {
        serverRootCACertificate: fs.readFileSync(path.join(dir, files.ca)),
        clientCertPair: {
          crt: fs.readFileSync(path.join(dir, files.cert)),
          key: fs.readFileSync(path.join(dir, files.key)),
        },
      },
    });
  });

  it('trusts a private CA without a client certificate', () => {
    expect(optionsOf({ RECTIFY_TEMPORAL_TLS_CA: files.ca })).toEqual({
      address: 'temporal.example.org:7233',
      tls: { serverRootCACertificate: fs.readFileSync(path.join(dir, files.ca)) },
    });
  });

  it('sends an API key, leaving TLS to the SDK default for API keys (on, system CAs)', () => {
    expect(optionsOf({ RECTIFY_TEMPORAL_API_KEY: 'key-123' })).toEqual({
      address: 'temporal.example.org:7233',
      apiKey: 'key-123',
    });
  });

  it.each([[{ RECTIFY_TEMPORAL_TLS_CERT: files.cert }], [{ RECTIFY_TEMPORAL_TLS_KEY: files.key }]])(
    'refuses a certificate without its key, or a key without its certificate: %o',
    (env) => {
      expect(() => optionsOf(env)).toThrow(ConfigError);
      expect(() => optionsOf(env)).toThrow(/RECTIFY_TEMPORAL_TLS_CERT and RECTIFY_TEMPORAL_TLS_KEY/);
    },
  );

  it('names the variable whose file cannot be read', () => {
    expect(() => optionsOf({ RECTIFY_TEMPORAL_TLS_CA: 'missing.pem' })).toThrow(
      `RECTIFY_TEMPORAL_TLS_CA: cannot read ${path.join(dir, 'missing.pem')} (ENOENT)`,
    );
  });
});
