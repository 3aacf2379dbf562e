/**
 * Small shared state of the extension that commands read (kept out of `client.ts`, which
 * imports the commands, so that no module imports its importer).
 */

/** Never scanned. */
export const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out,.vscode-test}/**';

let activationMs: number | undefined;

/** How long activation took (client + server started and initialized), for the integration report. */
export function activationTime(): number | undefined {
  return activationMs;
}

/** Records how long activation took. */
export function setActivationTime(ms: number): void {
  activationMs = ms;
}

let serverStarts = 0;

/** How many times the language server came up (1 unless it crashed and the client restarted it). */
export function serverStartCount(): number {
  return serverStarts;
}

/** Records that the language server is running (again). */
export function countServerStart(): void {
  serverStarts++;
}
