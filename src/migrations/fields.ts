import { asBool, shortName, type Py } from './py-syntax.js';
import type { Call } from './read-migration.js';

/**
 * What a migration's field definition means for the PostgreSQL column, read from the field's class and
 * keyword arguments (`models.CharField(max_length=20, null=True)`).
 */
export interface FieldSpec {
  className: string;
  line: number;
  /** null=True; Django's default is NOT NULL. */
  nullable: boolean;
  /** A Python-side default: Django applies it to existing rows while migrating, then drops it. */
  hasDefault: boolean;
  /** Django 5.0+'s database default, which stays on the column. */
  hasDbDefault: boolean;
  unique: boolean;
  /** db_index=True, or a ForeignKey/OneToOneField (indexed unless db_index=False). */
  indexed: boolean;
  /** ManyToManyField: a table of its own, no column. */
  manyToMany: boolean;
  /** The column type on PostgreSQL as Django's backend spells it; undefined for a field class implanta does not know. */
  columnType?: string;
  /** For relations: the model it points to, whose key type is the column's. */
  relatedTo?: string;
  /** db_column: the column keeps this name whatever the field is called. */
  dbColumn?: string;
}

/** Django's PostgreSQL backend `data_types`, for the field classes Django itself ships. */
const COLUMN_TYPES: Record<string, string | ((kw: Record<string, Py>) => string | undefined)> = {
  AutoField: 'integer',
  BigAutoField: 'bigint',
  SmallAutoField: 'smallint',
  BinaryField: 'bytea',
  BooleanField: 'boolean',
  NullBooleanField: 'boolean',
  CharField: (kw) => varchar(kw, undefined),
  CommaSeparatedIntegerField: (kw) => varchar(kw, undefined),
  EmailField: (kw) => varchar(kw, 254),
  FileField: (kw) => varchar(kw, 100),
  ImageField: (kw) => varchar(kw, 100),
  FilePathField: (kw) => varchar(kw, 100),
  SlugField: (kw) => varchar(kw, 50),
  URLField: (kw) => varchar(kw, 200),
  DateField: 'date',
  DateTimeField: 'timestamp with time zone',
  TimeField: 'time',
  DurationField: 'interval',
  DecimalField: (kw) => {
    const digits = kw['max_digits'];
    const places = kw['decimal_places'];
    return digits?.t === 'num' && places?.t === 'num' ? `numeric(${digits.v}, ${places.v})` : undefined;
  },
  FloatField: 'double precision',
  IntegerField: 'integer',
  BigIntegerField: 'bigint',
  SmallIntegerField: 'smallint',
  PositiveIntegerField: 'integer',
  PositiveBigIntegerField: 'bigint',
  PositiveSmallIntegerField: 'smallint',
  IPAddressField: 'inet',
  GenericIPAddressField: 'inet',
  JSONField: 'jsonb',
  TextField: 'text',
  UUIDField: 'uuid',
};

const RELATIONS = new Set(['ForeignKey', 'OneToOneField']);

function varchar(kw: Record<string, Py>, fallback: number | undefined): string | undefined {
  const length = kw['max_length'];
  if (length?.t === 'num') return `varchar(${length.v})`;
  // A CharField without max_length is unbounded from Django 4.2 on (varchar).
  if (length === undefined) return fallback === undefined ? 'varchar' : `varchar(${fallback})`;
  return undefined;
}

export function readField(value: Py | undefined): FieldSpec | undefined {
  if (value?.t !== 'call') return undefined;
  return fieldOfCall(value);
}

function fieldOfCall(call: Call): FieldSpec {
  const className = shortName(call.callee);
  const kw = call.kwargs;
  const relation = RELATIONS.has(className);
  const primary = asBool(kw['primary_key']) === true;
  const mapped = COLUMN_TYPES[className];
  const columnType = relation ? undefined : typeof mapped === 'function' ? mapped(kw) : mapped;
  const to = kw['to'] ?? (relation || className === 'ManyToManyField' ? call.args[0] : undefined);
  return {
    className,
    line: call.line,
    nullable: asBool(kw['null']) === true || className === 'NullBooleanField',
    hasDefault: kw['default'] !== undefined,
    hasDbDefault: kw['db_default'] !== undefined,
    unique: asBool(kw['unique']) === true || primary || className === 'OneToOneField',
    indexed: asBool(kw['db_index']) === true || (relation && asBool(kw['db_index']) !== false),
    manyToMany: className === 'ManyToManyField',
    ...(columnType !== undefined && { columnType }),
    ...(to && (to.t === 'str' || to.t === 'name') && { relatedTo: to.v }),
    ...(kw['db_column']?.t === 'str' && { dbColumn: kw['db_column'].v }),
  };
}

/**
 * Whether changing a column from `before` to `after` keeps the table as it is on PostgreSQL: a longer
 * varchar, or varchar to text, is binary-coercible and only touches the catalogue; every other change
 * rewrites the table under an ACCESS EXCLUSIVE lock (proved in test/migrations/postgres-behaviour.test.ts).
 */
export function typeChangeIsCatalogueOnly(before: string, after: string): boolean {
  const length = (t: string) => /^varchar(?:\((\d+)\))?$/.exec(t);
  const a = length(before);
  if (!a) return false;
  if (after === 'text' || after === 'varchar') return true;
  const b = length(after);
  if (!b || a[1] === undefined) return false;
  return b[1] !== undefined && Number(b[1]) >= Number(a[1]);
}
