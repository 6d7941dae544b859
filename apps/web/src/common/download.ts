import { apiFetch, ApiRefusal } from '../api/client';

// A file the API answers (ledger, export, evidence) fetched with the caller's token and handed to
// the browser as a download: a plain link would not carry the token.
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await apiFetch(path);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiRefusal(res.status, {
      code: body.code ?? `HTTP_${res.status}`,
      message: body.message ?? res.statusText,
    });
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(
    res.headers.get('Content-Disposition') ?? '',
  )?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
