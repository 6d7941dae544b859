// One GET to its last byte over a keep-alive agent: the latency bench's request, from whichever
// thread sends it.
import * as http from 'node:http';

export function get(
  agent: http.Agent,
  url: URL,
  token: string,
): Promise<{ status: number; bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
