/**
 * URI strings without an editor: the scheme and authority stay as they are, the path is the
 * '/'-separated part the config lookup walks. Paths stay percent-encoded (as the client sent
 * them) so a URI rebuilt from a path is the same string; `decodedPath` is for humans and globs.
 */

const URI = /^([a-zA-Z][\w+.-]*:)(\/\/[^/?#]*)?([^?#]*)([?#].*)?$/;

/** Scheme + authority, path, query/fragment of a URI string. */
export function splitUri(uri: string): { prefix: string; path: string; suffix: string } {
  const m = URI.exec(uri);
  if (!m) return { prefix: '', path: uri, suffix: '' };
  return { prefix: m[1] + (m[2] ?? ''), path: m[3] || '/', suffix: m[4] ?? '' };
}

/** The (encoded) path of a URI. */
export function uriPath(uri: string): string {
  return splitUri(uri).path;
}

/** The scheme of a URI, without the colon. */
export function uriScheme(uri: string): string {
  const i = uri.indexOf(':');
  return i > 0 ? uri.slice(0, i) : '';
}

/** The same scheme and authority with another (encoded) path, no query or fragment. */
export function withPath(uri: string, path: string): string {
  return splitUri(uri).prefix + path;
}

/** A path with percent-escapes decoded (left as is when malformed). */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The workspace folder (URI) holding a URI: the longest folder it is inside of. */
export function folderOf(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const base = f.replace(/\/+$/, '');
    if ((uri === base || uri.startsWith(base + '/')) && (!best || base.length > best.length)) best = base;
  }
  return best;
}

/** A short label for a URI: its path relative to its workspace folder (prefixed by the folder's name when there are several). */
export function shortPath(uri: string, folders: readonly string[]): string {
  const folder = folderOf(uri, folders);
  if (!folder) return decodePath(uriPath(uri));
  const rel = decodePath(uri.slice(folder.length + 1));
  if (folders.length < 2) return rel;
  const name = decodePath(folder.slice(folder.lastIndexOf('/') + 1));
  return `${name}/${rel}`;
}
