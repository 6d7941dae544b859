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
  // The UTF-8 name (RFC 6266 filename*) when there is one: the plain one is its ASCII stand-in.
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = utf8 ? decodeURIComponent(utf8) : (plain ?? fallbackName);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
