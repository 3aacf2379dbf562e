/** What the commands read from the extension's package.json. Pure: no `vscode` import. */

/** A property of an object value, or undefined for anything else. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The title a command has in the Command Palette ("Move Story to Its Loop Doc"), from the
 * manifest's `contributes.commands`; a command not contributed (internal) by its id, unprefixed.
 */
export function commandTitle(manifest: unknown, id: string): string {
  const commands = field(field(manifest, 'contributes'), 'commands');
  const entry = Array.isArray(commands) ? commands.find((c) => field(c, 'command') === id) : undefined;
  const title = field(entry, 'title');
  return typeof title === 'string' && title ? title.replace(/…$/, '') : id.replace(/^prepLoop\._?/, '');
}

/** The error message of a command that failed. */
export function failureMessage(title: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `Prep Loop: ${title} failed (${why}). Details are in the "Prep Loop" output.`;
}
