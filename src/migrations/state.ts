import { readField, type FieldSpec } from './fields.js';
import { argument, asString, type Py } from './py-syntax.js';
import type { Operation } from './read-migration.js';

export interface ModelState {
  fields: Map<string, FieldSpec>;
  uniqueTogether: string[][];
  indexTogether: string[][];
  /** Meta.db_table when the model sets one; Django's `app_model` otherwise. */
  table?: string;
}

/**
 * The models as the migrations so far leave them, replayed statically like Django's ProjectState: what
 * an AlterField changes is only known against the field it replaces.
 */
export class SchemaState {
  readonly models = new Map<string, ModelState>();

  model(app: string, name: string | undefined): ModelState | undefined {
    return name === undefined ? undefined : this.models.get(modelKey(app, name));
  }

  apply(app: string, op: Operation): void {
    const call = op.call;
    const str = (name: string, position: number) => asString(argument(call, name, position));
    switch (op.kind) {
      case 'CreateModel': {
        const name = str('name', 0);
        if (!name) return;
        const fields = new Map<string, FieldSpec>();
        const list = argument(call, 'fields', 1);
        for (const item of list?.t === 'seq' ? list.items : []) {
          if (item.t !== 'seq') continue;
          const fieldName = asString(item.items[0]);
          const field = readField(item.items[1]);
          if (fieldName && field) fields.set(fieldName, field);
        }
        const options = argument(call, 'options', 2);
        const table = asString(option(options, 'db_table'));
        this.models.set(modelKey(app, name), { fields, uniqueTogether: together(option(options, 'unique_together')), indexTogether: together(option(options, 'index_together')), ...(table !== undefined && { table }) });
        return;
      }
      case 'DeleteModel':
        this.models.delete(modelKey(app, str('name', 0) ?? ''));
        return;
      case 'RenameModel': {
        const from = str('old_name', 0);
        const to = str('new_name', 1);
        const state = from && this.models.get(modelKey(app, from));
        if (state && to) {
          this.models.delete(modelKey(app, from));
          this.models.set(modelKey(app, to), state);
        }
        return;
      }
      case 'AddField':
      case 'AlterField': {
        const field = readField(argument(call, 'field', 2));
        const name = str('name', 1);
        const state = this.model(app, str('model_name', 0));
        if (state && name && field) state.fields.set(name, field);
        return;
      }
      case 'RemoveField':
        this.model(app, str('model_name', 0))?.fields.delete(str('name', 1) ?? '');
        return;
      case 'RenameField': {
        const state = this.model(app, str('model_name', 0));
        const from = str('old_name', 1);
        const to = str('new_name', 2);
        const field = from ? state?.fields.get(from) : undefined;
        if (state && from && to && field) {
          state.fields.delete(from);
          state.fields.set(to, field);
        }
        return;
      }
      case 'AlterUniqueTogether':
      case 'AlterIndexTogether': {
        const state = this.model(app, str('name', 0));
        const key = op.kind === 'AlterUniqueTogether' ? 'unique_together' : 'index_together';
        if (!state) return;
        const value = together(argument(call, key, 1));
        if (op.kind === 'AlterUniqueTogether') state.uniqueTogether = value;
        else state.indexTogether = value;
        return;
      }
      case 'AlterModelTable': {
        const state = this.model(app, str('name', 0));
        if (!state) return;
        const table = str('table', 1);
        if (table === undefined) delete state.table;
        else state.table = table;
        return;
      }
      case 'RenameIndex': {
        // Django 4.2's way out of index_together: the index is renamed into Meta.indexes, not dropped.
        const oldFields = argument(call, 'old_fields', 3);
        const state = this.model(app, str('model_name', 0));
        if (!state || oldFields?.t !== 'seq') return;
        const group = oldFields.items.flatMap((i) => (i.t === 'str' ? [i.v] : []));
        state.indexTogether = state.indexTogether.filter((g) => g.join(',') !== group.join(','));
        return;
      }
      case 'SeparateDatabaseAndState':
      case 'RunSQL':
        for (const inner of op.state ?? []) this.apply(app, inner);
        return;
    }
  }
}

export function modelKey(app: string, model: string): string {
  return `${app}.${model}`.toLowerCase();
}

function option(options: Py | undefined, key: string): Py | undefined {
  if (options?.t !== 'dict') return undefined;
  return options.entries.find(([k]) => k.t === 'str' && k.v === key)?.[1];
}

/** unique_together as Django normalises it: one tuple of names, or a collection of them. */
export function together(value: Py | undefined): string[][] {
  if (value?.t !== 'seq') return [];
  if (value.items.every((i) => i.t === 'str')) return value.items.length ? [value.items.map((i) => (i as { v: string }).v)] : [];
  return value.items.flatMap((group) => (group.t === 'seq' ? [group.items.flatMap((i) => (i.t === 'str' ? [i.v] : []))] : []));
}
