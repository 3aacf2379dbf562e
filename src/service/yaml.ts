/** YAML scalars for the front matter the commands write. Pure: no `vscode` import. */

/** A YAML scalar for free text: plain when safe, else double-quoted. */
export function yamlScalar(text: string): string {
  const t = text.replace(/[\r\n]+/g, ' ').trim();
  if (t === '') return '""';
  const plainSafe = /^[\p{L}\p{N}][\p{L}\p{N} ._()/&+,'-]*$/u.test(t) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(t) && !/^[\d.+-]+$/.test(t);
  return plainSafe ? t : JSON.stringify(t);
}
