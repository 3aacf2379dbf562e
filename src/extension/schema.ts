/**
 * JSON Schema for `.prep-loop.json` and the `contributes.configuration` block of package.json,
 * both built from the core's rule registry (ids, descriptions, default severities, option specs).
 *
 * Pure: no `vscode` import. `scripts/gen-schema.mjs` writes the output into
 * `schemas/prep-loop.schema.json` and package.json; a unit test checks the committed copies match.
 */
import { DEFAULT_TARGET_SECONDS } from '../core/practice';
import { DEFAULT_MAX_FILE_SIZE } from '../core/config';
import { RULES, ruleDocsUrl } from '../core/rules/index';
import type { AnyRule, OptionSpec } from '../core/rules/types';

/** A JSON Schema fragment (draft-07 plus VS Code's `markdownDescription`, `enumDescriptions`, `scope`, `order`). */
export type JsonSchema = { [key: string]: unknown };

/** The severities a rule can be set to, in menu order. */
export const SEVERITY_CHOICES = ['off', 'hint', 'info', 'warning', 'error'] as const;

const SEVERITY_DESCRIPTIONS: Record<(typeof SEVERITY_CHOICES)[number], string> = {
  off: 'Do not run this check.',
  hint: 'Show as a faint hint (dotted underline, not in the Problems count).',
  info: 'Show as information (blue).',
  warning: 'Show as a warning (yellow).',
  error: 'Show as an error (red); the CLI exits with code 1.',
};

/** Where the settings and the `.prep-loop.json` schema live. */
export const SCHEMA_FILE = 'schemas/prep-loop.schema.json';
/** The schema the editor attaches to `.prep-loop.json|yaml` (package.json `jsonValidation`): completion and hovers only. */
export const EDITOR_SCHEMA_FILE = 'schemas/prep-loop.editor.schema.json';

const VALIDATION_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'required', 'pattern']);

/**
 * The config schema with every validation keyword taken out: enums become `examples` (still
 * offered as completions), booleans get `true`/`false` examples, `additionalProperties: false`
 * goes. Prep Loop's server reports each bad value once, in its own words; the editor's JSON and
 * YAML support would otherwise say the same thing a second time (issue 9).
 */
export function editorSchema(schema: JsonSchema): JsonSchema {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as JsonSchema;
    const out: JsonSchema = {};
    for (const [k, val] of Object.entries(o)) {
      if (VALIDATION_KEYWORDS.has(k)) continue;
      if (k === 'enum') out.examples = val;
      else if (k === 'additionalProperties' && typeof val === 'boolean') continue;
      else if (k === 'properties' || k === 'definitions') out[k] = Object.fromEntries(Object.entries(val as JsonSchema).map(([n, x]) => [n, walk(x)]));
      else if (k === '$id' && typeof val === 'string') out[k] = val.replace('prep-loop.schema.json', 'prep-loop.editor.schema.json');
      else out[k] = walk(val);
    }
    if (o.type === 'boolean' && out.examples === undefined) out.examples = [true, false];
    return out;
  };
  return walk(schema) as JsonSchema;
}

/** The JSON Schema of one rule option. */
export function optionSchema(spec: OptionSpec): JsonSchema {
  switch (spec.type) {
    case 'number':
      return {
        type: spec.integer ? 'integer' : 'number',
        default: spec.default,
        description: spec.description,
        ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
      };
    case 'boolean':
      return { type: 'boolean', default: spec.default, description: spec.description };
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, default: [...spec.default], description: spec.description };
  }
}

function ruleHasOptions(rule: AnyRule): boolean {
  return Object.keys(rule.options).length > 0;
}

function optionsObjectSchema(rule: AnyRule, withSeverity: boolean): JsonSchema {
  const properties: JsonSchema = {};
  if (withSeverity) properties.severity = { $ref: '#/definitions/severity' };
  for (const [name, spec] of Object.entries(rule.options as Record<string, OptionSpec>)) properties[name] = optionSchema(spec);
  return { type: 'object', additionalProperties: false, properties };
}

function ruleMarkdown(rule: AnyRule): string {
  return `${rule.description}. Default: \`${rule.defaultSeverity}\`. [Rule docs](${ruleDocsUrl(rule.id)})`;
}

/** The description of a rule's entry in `prepLoop.ruleOptions`: what the rule checks and its options (no severity: that is `prepLoop.rules.<id>`). */
function ruleOptionsMarkdown(rule: AnyRule): string {
  const names = Object.keys(rule.options).map((n) => `\`${n}\``);
  return `Options of \`${rule.id}\` (${lowerFirst(rule.description)}): ${names.join(', ')}. Its severity is the setting \`${ruleSettingKey(rule.id)}\`. [Rule docs](${ruleDocsUrl(rule.id)})`;
}

function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z])/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

const LOOP_ENUM = { type: 'string', enum: ['pm', 'po', 'hybrid'] };

const LOOP_BY_GLOB: JsonSchema = {
  type: 'object',
  additionalProperties: { ...LOOP_ENUM, enumDescriptions: ['Product Manager loop', 'Product Owner loop', 'Both loops'] },
  default: {},
};

const LEXICON_TERMS: JsonSchema = {
  type: 'array',
  items: {
    anyOf: [
      { type: 'string', minLength: 1 },
      {
        type: 'object',
        required: ['term'],
        additionalProperties: false,
        properties: {
          term: { type: 'string', minLength: 1 },
          weight: { type: 'number', exclusiveMinimum: 0, maximum: 10, description: 'How strongly the term points at the loop (built-in terms weigh 1 to 3).' },
        },
      },
    ],
  },
};

const LEXICON: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    pm: { ...LEXICON_TERMS, description: 'Extra words and phrases that mark text as PM work.' },
    po: { ...LEXICON_TERMS, description: 'Extra words and phrases that mark text as PO work.' },
  },
};

/** The JSON Schema of `.prep-loop.json` (and `.prep-loop.yaml`). */
export function configFileSchema(): JsonSchema {
  const rules: JsonSchema = {};
  for (const rule of RULES) {
    rules[rule.id] = {
      description: `${rule.description} (default: ${rule.defaultSeverity}).`,
      markdownDescription: ruleMarkdown(rule),
      anyOf: [{ $ref: '#/definitions/severity' }, optionsObjectSchema(rule, true)],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/prep-loop/prep-loop/blob/main/schemas/prep-loop.schema.json',
    title: 'Prep Loop configuration',
    description: 'Configuration of Prep Loop, the linter for PM and PO interview prep notes. It overrides the editor settings.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Each rule: a severity, or an object with "severity" and the rule\'s options.',
        additionalProperties: false,
        properties: rules,
      },
      loopByGlob: { ...LOOP_BY_GLOB, description: 'Glob patterns (relative to this file) that make matching markdown files prep docs of a loop, e.g. { "notes/po/**": "po" }.' },
      lexicon: { ...LEXICON, description: 'Extra vocabulary for each loop, used when Prep Loop infers which loop a story reads as.' },
      storyHeadingLevel: { type: 'integer', minimum: 1, maximum: 6, default: 2, description: 'Heading level of a story (2 means "## Story").' },
      maxFileSize: { type: 'integer', exclusiveMinimum: 0, default: DEFAULT_MAX_FILE_SIZE, description: 'Files larger than this many bytes (the size of the file on disk) are skipped, with a note giving both sizes in KB/MB.' },
    },
    definitions: {
      severity: { type: 'string', enum: [...SEVERITY_CHOICES], enumDescriptions: SEVERITY_CHOICES.map((s) => SEVERITY_DESCRIPTIONS[s]) },
    },
  };
}

/** Setting id of a rule's severity. */
export function ruleSettingKey(ruleId: string): string {
  return `prepLoop.rules.${ruleId}`;
}

/** The `contributes.configuration` block of package.json. */
export function contributedConfiguration(): JsonSchema {
  const properties: JsonSchema = {
    'prepLoop.run': {
      type: 'string',
      enum: ['onType', 'onSave'],
      enumDescriptions: ['Check while you type (after a short pause).', 'Check when a file is opened or saved.'],
      default: 'onType',
      scope: 'resource',
      order: 0,
      markdownDescription: 'When Prep Loop checks a prep doc.',
    },
    'prepLoop.storyHeadingLevel': {
      type: 'integer',
      minimum: 1,
      maximum: 6,
      default: 2,
      scope: 'resource',
      order: 1,
      markdownDescription: 'Heading level of a story: `2` means each `## Heading` is one story. A `.prep-loop.json` overrides this.',
    },
    'prepLoop.loopByGlob': {
      ...LOOP_BY_GLOB,
      scope: 'resource',
      order: 2,
      markdownDescription: 'Make markdown files prep docs by path instead of front matter. Keys are glob patterns relative to the workspace folder, values a loop: `{ "notes/po/**": "po" }`.',
    },
    'prepLoop.lexicon': {
      ...LEXICON,
      scope: 'resource',
      order: 3,
      markdownDescription: 'Extra words and phrases per loop for telling PM text from PO text, e.g. `{ "po": ["PI planning"] }`. A term can carry a weight: `{ "term": "north star", "weight": 3 }`.',
    },
    'prepLoop.maxFileSize': {
      type: 'integer',
      exclusiveMinimum: 0,
      default: DEFAULT_MAX_FILE_SIZE,
      scope: 'resource',
      order: 4,
      markdownDescription: 'Files larger than this many bytes (the size of the file on disk, default 2 MB) are not checked; the status bar and a note on line 1 say so.',
    },
  };
  properties['prepLoop.practice.newPerDay'] = {
    type: 'integer',
    minimum: 0,
    maximum: 200,
    default: 10,
    scope: 'resource',
    order: 5,
    markdownDescription: 'Practice Today: how many new questions and stories to introduce each day (reviews that are due always come).',
  };
  properties['prepLoop.practice.targetSeconds'] = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(DEFAULT_TARGET_SECONDS).map(([key, seconds]) => [key, { type: 'number', exclusiveMinimum: 0, default: seconds }])),
    default: {},
    scope: 'resource',
    order: 6,
    markdownDescription: `Practice Today: the answer timer's target in seconds, per drill (\`behavioural\`, \`screening\`, \`story\` or a drill id). Defaults: ${Object.entries(DEFAULT_TARGET_SECONDS)
      .map(([k, v]) => `\`${k}\` ${v}`)
      .join(', ')}.`,
  };
  let order = 10;
  for (const rule of RULES) {
    properties[ruleSettingKey(rule.id)] = {
      type: 'string',
      enum: [...SEVERITY_CHOICES],
      enumDescriptions: SEVERITY_CHOICES.map((s) => SEVERITY_DESCRIPTIONS[s]),
      default: rule.defaultSeverity,
      scope: 'resource',
      order: order++,
      markdownDescription: ruleMarkdown(rule),
    };
  }
  const withOptions = RULES.filter(ruleHasOptions);
  const optionProps: JsonSchema = {};
  for (const rule of withOptions) optionProps[rule.id] = { ...optionsObjectSchema(rule, false), markdownDescription: ruleOptionsMarkdown(rule) };
  properties['prepLoop.ruleOptions'] = {
    type: 'object',
    additionalProperties: false,
    properties: optionProps,
    default: {},
    scope: 'resource',
    order: order++,
    markdownDescription: `Options of the rules that take them (${withOptions.map((r) => `\`${r.id}\``).join(', ') || 'none yet'}). A \`.prep-loop.json\` overrides these.`,
  };
  return { title: 'Prep Loop', properties };
}
