/** HTML helpers for the webviews. Pure: no `vscode` import. */

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fresh random nonce for a webview's Content-Security-Policy (Web Crypto: Node and browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The strict CSP of a webview that runs no script and is styled only by one nonce'd block. */
export function strictCsp(nonce: string): string {
  return [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'none'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
}
