import etag from 'etag';

// A rendering's bytes as every request that shares it sends them, with their ETag: encoded and
// hashed once a rendering, not by Express for each response. Express encodes a string body and
// hashes it for its ETag on every `send`; a bulletin listing 50,000 overdue measures is 15 MB,
// 55-75 ms a response, and the ten requests that share one rendering did it ten times over
// (BENCHMARKS.md). The ETag is Express's own (the `etag` package, weak, the version Express 5
// uses), so a client's cached copy stays valid across the change and If-None-Match still answers
// 304: Express makes none when the header is set, and judges freshness by it.
export interface RenderedBody {
  readonly bytes: Buffer;
  readonly etag: string;
}

export function renderedBody(content: string | Buffer): RenderedBody {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { bytes, etag: etag(bytes, { weak: true }) };
}
