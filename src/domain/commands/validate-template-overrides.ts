import {
  BUILT_IN_TEMPLATES,
  HPVM_VERSIONS,
  PLACEHOLDERS,
  TEMPLATE_NAMES,
  TEMPLATE_SPECS,
  mergeTemplates,
  type Placeholder,
  type TemplateName,
  type TemplateTable,
} from './command-templates.ts';
import { isForceFlag } from './render-command.ts';

export interface TemplateOverrideResult {
  /** Built-ins merged with every override that passed; the rejected ones are left out. */
  readonly templates: TemplateTable;
  /** `commandTemplates.<version>.<template>: message`, every problem at once (docs/conventions.md #2). */
  readonly problems: string[];
}

/*
 * Characters a shell would read as syntax: separators, pipes, substitution, redirection, quoting,
 * escaping, plus globbing, comments and history expansion. Rendering quotes every token anyway;
 * refusing them here keeps an override from carrying anything but plain words.
 */
const SHELL_SYNTAX = /[;|&$`()<>'"\\*?[\]~#!\t\r\n]/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
// {machinfo}, {vgdisplay} and {bdf} are whole command paths from the VSP's config.
const COMMAND_START = /^(\{bin\}|\{machinfo\}|\{vgdisplay\}|\{bdf\}|\/)/;

/**
 * Checks `commandTemplates` from the config file: `{ "<version>": { "<template>": "space separated tokens" } }`.
 * A template replaces the built-in one whole; tokens are split on spaces (no quoting syntax exists).
 */
export function validateTemplateOverrides(
  raw: Readonly<Record<string, Readonly<Record<string, string>>>>,
): TemplateOverrideResult {
  const problems: string[] = [];
  const accepted: Record<string, Partial<Record<TemplateName, readonly string[]>>> = {};
  for (const [version, templates] of Object.entries(raw)) {
    const versionPath = `commandTemplates.${version}`;
    if (!HPVM_VERSIONS.includes(version)) {
      problems.push(`${versionPath}: unknown HPVM version (known: ${HPVM_VERSIONS.join(', ')})`);
      continue;
    }
    for (const [name, text] of Object.entries(templates)) {
      const path = `${versionPath}.${name}`;
      if (!(TEMPLATE_NAMES as readonly string[]).includes(name)) {
        problems.push(`${path}: unknown template (known: ${TEMPLATE_NAMES.join(', ')})`);
        continue;
      }
      const found = checkTemplate(version, name as TemplateName, text);
      problems.push(...found.problems.map((message) => `${path}: ${message}`));
      if (found.problems.length === 0) accepted[version] = { ...accepted[version], [name]: found.tokens };
    }
  }
  return { templates: mergeTemplates(BUILT_IN_TEMPLATES, accepted), problems };
}

function checkTemplate(version: string, name: TemplateName, text: unknown): { tokens: string[]; problems: string[] } {
  if (typeof text !== 'string') return { tokens: [], problems: ['must be a string of space-separated tokens'] };
  const tokens = text.split(' ').filter((token) => token !== '');
  if (tokens.length === 0) return { tokens, problems: ['empty template'] };
  const spec = TEMPLATE_SPECS[name];
  const problems: string[] = [];
  if (spec.online && BUILT_IN_TEMPLATES[version]?.migrateOnline === undefined) {
    problems.push(`HPVM ${version} has no online migration`);
  }
  const first = tokens[0] ?? '';
  // An option's argument is a placeholder of its own (`-m {storage}`); nothing else may follow an option.
  if (spec.flag && !tokens.every((token) => token.startsWith('-') || /^\{[a-z]+\}$/.test(token))) {
    problems.push(
      'a flag template holds options only (every token starts with -, or is an option argument placeholder)',
    );
  }
  if (!spec.flag && !COMMAND_START.test(first)) {
    problems.push(
      `must start with an absolute command path, {bin}/…, {machinfo}, {vgdisplay} or {bdf} (found ${JSON.stringify(first)})`,
    );
  }
  const used = new Set<string>();
  tokens.forEach((token, index) => {
    problems.push(
      ...checkToken(token, spec.allowed, name).map(
        (message) => `token ${index + 1} ${JSON.stringify(token)}: ${message}`,
      ),
    );
    for (const match of token.matchAll(PLACEHOLDER)) used.add(match[1] ?? '');
  });
  for (const placeholder of spec.required) {
    if (!used.has(placeholder)) problems.push(`must use {${placeholder}}`);
  }
  return { tokens, problems };
}

function checkToken(token: string, allowed: readonly Placeholder[], name: TemplateName): string[] {
  const problems: string[] = [];
  if (isForceFlag(token)) problems.push('-F (force) is never allowed');
  const syntax = SHELL_SYNTAX.exec(token);
  if (syntax !== null) problems.push(`contains the shell metacharacter ${JSON.stringify(syntax[0])}`);
  for (const match of token.matchAll(PLACEHOLDER)) {
    const key = match[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) {
      problems.push(`unknown placeholder ${match[0]} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
    } else if (!allowed.includes(key as Placeholder)) {
      problems.push(`placeholder ${match[0]} has no value in ${name}`);
    }
  }
  if (/[{}]/.test(token.replace(PLACEHOLDER, ''))) problems.push('unbalanced { or }');
  return problems;
}
