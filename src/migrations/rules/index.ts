import type { Rule } from '../../core/rule.js';
import type { MigrationFacts } from '../facts.js';
import { addNotNull, columnType, deleteModel, notNull, removeField, removeTogether, renameField, renameModel } from './breaking.js';
import { editedMigration, runSql, squashApplied, unknownOperation, unreadable } from './cannot-tell.js';
import { addIndex, directModelImport, runPythonNoReverse } from './heavy.js';
import { toRule, type MigrationRule } from './kit.js';

/** Every `migrations.*` rule: the backward-incompatible ones (errors) first, then the heavy ones. */
export const MIGRATION_RULES: readonly MigrationRule[] = [
  removeField,
  deleteModel,
  renameField,
  renameModel,
  notNull,
  columnType,
  addNotNull,
  removeTogether,
  runSql,
  unreadable,
  addIndex,
  runPythonNoReverse,
  directModelImport,
  unknownOperation,
  editedMigration,
  squashApplied,
];

export const migrationRules: readonly Rule<MigrationFacts>[] = MIGRATION_RULES.map(toRule);
