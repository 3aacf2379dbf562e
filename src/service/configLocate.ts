/**
 * Where a config problem sits in the config file's text, so it can be shown as a diagnostic on
 * the right key. Pure: no `vscode` import. A best-effort text search; falls back to the start.
 */

/** The segments of a `validateConfig` problem path: `rules.story-points.splitAt` → [rules, story-points, splitAt]. */
export function pathSegments(path: string): string[] {
  if (!path) return [];
  const dot = path.indexOf('.');
  const top = (dot === -1 ? path : path.slice(0, dot)).replace(/\[\d+\]$/, '');
  const rest = dot === -1 ? '' : path.slice(dot + 1);
  if (!rest) return [top];
  if (top === 'loopByGlob') return [top, rest];
  return [top, ...rest.split('.').map((s) => s.replace(/\[\d+\]$/, ''))];
}

/** The offsets of the deepest key of `path` found in `text` (JSON or YAML), searching key by key. */
export function locateConfigPath(text: string, path: string): { start: number; end: number } {
  let from = 0;
  let found: { start: number; end: number } | undefined;
  for (const seg of pathSegments(path)) {
    const hit = findKey(text, seg, from);
    if (!hit) break;
    found = hit;
    from = hit.end;
  }
  if (found) return found;
  const firstLineEnd = text.indexOf('\n');
  return { start: 0, end: firstLineEnd === -1 ? text.length : firstLineEnd };
}

function findKey(text: string, key: string, from: number): { start: number; end: number } | undefined {
  const quoted = text.indexOf(JSON.stringify(key), from);
  if (quoted !== -1) return { start: quoted, end: quoted + JSON.stringify(key).length };
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`(^|[\\s{,'"])(${escaped})['"]?\\s*:`, 'mg');
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return undefined;
  const start = m.index + m[1].length;
  return { start, end: start + key.length };
}
