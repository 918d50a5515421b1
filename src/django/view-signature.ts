import type { SyntaxNode as Node } from '../project/settings/syntax-node.js';

export type ParamKind = 'positional-only' | 'positional' | 'keyword-only' | 'var-positional' | 'var-keyword';

export interface Param {
  name: string;
  kind: ParamKind;
  hasDefault: boolean;
}

/** The parameters of a tree-sitter-python `parameters` node, with Python's kinds. */
export function readParams(parameters: Node): Param[] {
  const params: Param[] = [];
  let afterStar = false;
  for (const node of parameters.namedChildren) {
    const target = node.type === 'typed_parameter' ? node.namedChildren[0] : node;
    if (!target) continue;
    switch (target.type) {
      case 'positional_separator':
        for (const p of params) if (p.kind === 'positional') p.kind = 'positional-only';
        break;
      case 'keyword_separator':
        afterStar = true;
        break;
      case 'list_splat_pattern':
        params.push({ name: target.namedChildren[0]?.text ?? '', kind: 'var-positional', hasDefault: false });
        afterStar = true;
        break;
      case 'dictionary_splat_pattern':
        params.push({ name: target.namedChildren[0]?.text ?? '', kind: 'var-keyword', hasDefault: false });
        break;
      case 'identifier':
        params.push({ name: target.text, kind: afterStar ? 'keyword-only' : 'positional', hasDefault: false });
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        params.push({ name: target.childForFieldName('name')?.text ?? '', kind: afterStar ? 'keyword-only' : 'positional', hasDefault: true });
        break;
    }
  }
  return params;
}

const named = (kind: ParamKind) => kind === 'positional-only' || kind === 'positional' || kind === 'keyword-only';

/**
 * Why `inspect.signature(view).bind(None, reason=None)` would raise TypeError (Python 3.11's rules), or
 * undefined when it binds: the call Django's check makes, and the call the CSRF middleware makes.
 */
export function requestReasonProblem(params: Param[]): string | undefined {
  const positional = params.find((p) => p.kind === 'positional-only' || p.kind === 'positional');
  if (!positional && !params.some((p) => p.kind === 'var-positional')) return 'it takes no positional argument for the request';
  let reason = params.find((p) => p.name === 'reason' && named(p.kind));
  if (reason && reason === positional) {
    if (reason.kind !== 'positional-only') return "its first parameter is 'reason', so the request and reason=… collide";
    // A positional-only name is free for **kwargs to take.
    reason = undefined;
  }
  if (reason?.kind === 'positional-only') return "'reason' is positional-only, but Django passes it by keyword";
  if (!reason && !params.some((p) => p.kind === 'var-keyword')) return "it has no 'reason' parameter";
  const missing = params.find((p) => named(p.kind) && !p.hasDefault && p !== positional && p !== reason);
  return missing ? `it also requires '${missing.name}', which Django does not pass` : undefined;
}
