// Finds words shown to the user that are written in code instead of coming from _locales (used by locales.test.ts).
// A scan of the syntax tree, not a lint rule: JSX text, user-facing attributes (title, aria-label, placeholder…),
// strings inside JSX expressions, text assigned to an element, and sentences passed to set…() state setters.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

export interface HardCodedText { file: string; line: number; text: string }

const ROOT = resolve(import.meta.dirname, '../../..');
const USER_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label']);
const ELEMENT_TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt']);
/** Words that are the same in every language: names of standards and example input. */
const ALLOWED = new Set(['SHA1', 'SHA256', 'SHA512', 'TOTP', 'HOTP', 'otpauth://totp/…', 'https://example.com']);
const LOOKUPS = new Set(['t', 'plural', 'richText', 'richPlural']);
/** A string naming an English message is a key looked up later (e.g. a table of modes), not a word. */
const MESSAGE_KEYS = new Set(Object.keys(JSON.parse(readFileSync(resolve(ROOT, '_locales/en/messages.json'), 'utf8')) as object));

function isWords(text: string): boolean {
  const trimmed = text.trim();
  return /\p{L}{2,}/u.test(trimmed) && !ALLOWED.has(trimmed) && !MESSAGE_KEYS.has(trimmed);
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

function isLookupArgument(node: ts.Node): boolean {
  const call = node.parent;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && LOOKUPS.has(call.expression.text);
}

/** Inside `{…}` that is a JSX child or the value of a user-facing attribute (not class, style, data-…). */
function inShownExpression(node: ts.Node): boolean {
  for (let at: ts.Node = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isJsxExpression(at)) {
      const holder = at.parent;
      if (ts.isJsxAttribute(holder)) return USER_ATTRIBUTES.has(holder.name.getText());
      return ts.isJsxElement(holder) || ts.isJsxFragment(holder);
    }
    // A string used as a key, a comparison or an argument is not shown as such.
    if (ts.isCallExpression(at) || ts.isBinaryExpression(at) && at.operatorToken.kind !== ts.SyntaxKind.PlusToken
      || ts.isElementAccessExpression(at) || ts.isJsxAttribute(at)) return false;
  }
  return false;
}

/** A sentence or capitalised word handed to a state setter or an element: setError('…'), el.textContent = '…'. */
function isHandedToUi(node: ts.Node, text: string): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node
    && ts.isPropertyAccessExpression(parent.left) && ELEMENT_TEXT_PROPERTIES.has(parent.left.name.text)) return true;
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (name === 'setAttribute') {
      const attribute = parent.arguments[0];
      return parent.arguments[1] === node && !!attribute && ts.isStringLiteral(attribute) && USER_ATTRIBUTES.has(attribute.text);
    }
    if (/^(set[A-Z]\w*|setText|show\w*Button|on[A-Z]\w*)$/.test(name)) return /^\p{Lu}/u.test(text.trim());
  }
  // A property of an object built for the UI, e.g. setStatus({ ok: false, text: '…' }) or { label: 'Automatic' }.
  if (ts.isPropertyAssignment(parent) && ['text', 'label', 'hint', 'message', 'title'].includes(parent.name.getText())) return true;
  // Words anywhere else (capital start, two words or more): a message someone will see.
  return /^\p{Lu}\S*(\s+\S+)+/u.test(text.trim());
}

export function findHardCodedText(file: string, source = readFileSync(resolve(ROOT, file), 'utf8')): HardCodedText[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string) => {
    found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      if (isWords(node.text)) report(node, node.text);
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (USER_ATTRIBUTES.has(node.name.getText()) && isWords(node.initializer.text)) report(node, node.initializer.text);
      return;
    } else {
      const text = literalText(node);
      if (text !== null) {
        if (isWords(text) && !isLookupArgument(node) && (inShownExpression(node) || isHandedToUi(node, text))) report(node, text);
        if (!ts.isTemplateExpression(node)) return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}
