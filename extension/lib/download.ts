import browser from 'webextension-polyfill';

export interface DownloadOptions {
  url: string;
  /** Request headers, e.g. the token's Authorization: the browser fetches the file itself. */
  headers: Record<string, string>;
  fileName: string;
  /** Told how far it got, in words ("12.4 MB received"). */
  onProgress: (text: string) => void;
  /** Aborting cancels the download (the partial file is removed by the browser). */
  signal: AbortSignal;
  /** How often progress is read, in ms. Default 250. */
  pollMs?: number;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;

/**
 * Saves a URL to a file through the browser's own downloads, so a large export streams from the server
 * to disk and never sits in the extension's memory; progress is read from the downloads list until the
 * file is complete. Resolves when saved, rejects when the browser interrupts it, resolves quietly
 * when cancelled through `signal`.
 */
export async function downloadToFile({ url, headers, fileName, onProgress, signal, pollMs = 250 }: DownloadOptions): Promise<void> {
  const id = await browser.downloads.download({
    url,
    filename: fileName,
    saveAs: false,
    conflictAction: 'uniquify',
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
  });
  const cancel = () => void browser.downloads.cancel(id).catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    // Bounded by the download itself: it ends complete, interrupted or cancelled.
    for (;;) {
      const [item] = await browser.downloads.search({ id });
      if (!item || signal.aborted) return;
      if (item.state === 'complete') {
        onProgress(`Saved ${megabytes(item.bytesReceived)}.`);
        return;
      }
      if (item.state === 'interrupted') {
        if (item.error === 'USER_CANCELED') return;
        throw new Error(`the browser stopped the download (${item.error ?? 'interrupted'})`);
      }
      onProgress(`Downloading… ${megabytes(item.bytesReceived)} received`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
