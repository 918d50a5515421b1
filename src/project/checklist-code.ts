import type { SyntaxNode as Node } from './settings/syntax-node.js';
import type { PythonSources } from './python-sources.js';

/** A place in the project's code: relative path, 1-based line. */
export interface CodePlace {
  file: string;
  line: number;
}

export interface UploadField extends CodePlace {
  /** `FileField` or `ImageField` (or a subclass named …FileField / …ImageField). */
  field: string;
  /** The model class the field is declared on, when it is declared in a class body. */
  model?: string;
}

/**
 * What Django's deployment checklist asks about the project's code, beyond its settings: the upload
 * fields its models declare, and what its root URLconf does with media and error views.
 */
export interface ChecklistCode {
  uploadFields: UploadField[];
  /** `static(settings.MEDIA_URL, document_root=…)` in the root URLconf. */
  mediaServedByStatic: CodePlace[];
  /** `handler404 = …` / `handler500 = …` in the root URLconf: custom error views. */
  errorHandlers: { handler404?: CodePlace; handler500?: CodePlace };
  /** Code that sends mail: send_mail, mail_admins, EmailMessage, the password-reset views. */
  sendsMail: CodePlace[];
  /** Modules left out, and why (past the parse cap, a FIFO, a link out of the project): the report says so. */
  unread: Array<{ file: string; why: string }>;
}

/** A project with more model files than this is read up to the limit: the verdict needs one field, not all. */
const MAX_FILES = 400;

const UPLOAD_FIELD = /^(?:[A-Za-z_][\w.]*\.)?(\w*(?:FileField|ImageField))$/;
const MAIL_CALL = /^(?:[\w.]*\.)?(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|EmailMultiAlternatives|PasswordResetView|password_reset)$/;

/**
 * Reads the project's models (`models.py`, `models/*.py`), views and URLconfs, statically, with the
 * same parser as the settings (each file parsed once, shared with the other readers of `sources`).
 * `files` is the project's file list (relative paths); `urlconf` the root URLconf's file, when
 * ROOT_URLCONF names a module of the project (see rootUrlconfFile).
 */
export async function readChecklistCode(sources: PythonSources, files: readonly string[], urlconf?: string): Promise<ChecklistCode> {
  const code: ChecklistCode = { uploadFields: [], mediaServedByStatic: [], errorHandlers: {}, sendsMail: [], unread: [] };
  const isCode = (f: string) => f.endsWith('.py') && !/(^|\/)(migrations|tests?)\//.test(f) && /(^|\/)(models|views|forms|urls|signals|tasks)(\.py$|\/)/.test(f);
  const candidates = files.filter((f) => f === urlconf || isCode(f));
  for (const file of candidates.slice(0, MAX_FILES)) {
    // A FIFO, a symlink out of the project or a giant named models.py is skipped: the verdict needs one field, not all.
    const parsed = await sources.parse(file);
    if (!('tree' in parsed)) {
      code.unread.push({ file, why: parsed.unreadable });
      continue;
    }
    const tree = parsed.tree;
    for (const call of tree.rootNode.descendantsOfType('call')) {
      const callee = call?.childForFieldName('function')?.text ?? '';
      const upload = UPLOAD_FIELD.exec(callee);
      if (upload && /(^|\/)models(\.py$|\/)/.test(file)) {
        const model = enclosingClass(call!);
        code.uploadFields.push({ file, line: call!.startPosition.row + 1, field: upload[1]!, ...(model && { model }) });
      }
      if (MAIL_CALL.test(callee) || (callee.endsWith('include') && /django\.contrib\.auth\.urls/.test(call!.text))) {
        code.sendsMail.push({ file, line: call!.startPosition.row + 1 });
      }
    }
    if (file === urlconf) readUrlconf(tree.rootNode, file, code);
  }
  return code;
}

function readUrlconf(module: Node, file: string, code: ChecklistCode): void {
  for (const call of module.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function')?.text ?? '';
    const first = call?.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
    // Under `if settings.DEBUG:` the call is meant for the development server only.
    if (/(^|\.)static$/.test(callee) && /MEDIA_URL/.test(first) && !insideDebugBranch(call!)) code.mediaServedByStatic.push({ file, line: call!.startPosition.row + 1 });
  }
  for (const statement of module.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const name = assignment?.type === 'assignment' ? assignment.childForFieldName('left')?.text : undefined;
    if (name === 'handler404' || name === 'handler500') code.errorHandlers[name] = { file, line: statement!.startPosition.row + 1 };
  }
}

function insideDebugBranch(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'if_statement' && /\bDEBUG\b/.test(n.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

function enclosingClass(node: Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'class_definition') return n.childForFieldName('name')?.text;
  return undefined;
}

/** `hollow.urls` → `hollow/urls.py` (or the package's `__init__.py`), when the project has it. */
export function rootUrlconfFile(files: readonly string[], dotted: unknown): string | undefined {
  if (typeof dotted !== 'string' || !/^[\w.]+$/.test(dotted)) return undefined;
  const base = dotted.replace(/\./g, '/');
  return [`${base}.py`, `${base}/__init__.py`].find((f) => files.includes(f));
}
