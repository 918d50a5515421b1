/**
 * One budget for a whole evaluation. A short settings file can ask for unbounded work (`[0] * 10**9`,
 * nested loops, `A = A + A` thirty times); the evaluator stops where a real settings file never goes,
 * and what it was computing becomes Unknown: "too large to evaluate without running the code".
 *
 * Every loop, comprehension, call and operation draws from the same three pools:
 * - steps: expressions and statements evaluated, plus the items an operation walks over;
 * - units: list items, dict entries and string characters created;
 * - depth: how deeply expressions and statements nest (the JS stack is far smaller than the file).
 *
 * The API is `step(node, cost)`, `allocate(count, node)` and `enter(node)` / `leave()`. A request that
 * does not fit throws `TooLarge` and draws nothing, so one oversized `[0] * 10**9` spoils only its own
 * statement; running the pools dry (many small steps) spoils everything evaluated after it.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { Signal } from './signals.js';

export const TOO_LARGE = 'too large to evaluate without running the code';

/** Far beyond any real settings module (Django's own global_settings.py takes about 3,000 steps). */
export const BUDGET_LIMITS = { steps: 100_000, units: 2_000_000, depth: 400 } as const;

/** The evaluation ran out of budget at `line` (of the node that asked, when it said). */
export class TooLarge extends Signal {
  constructor(readonly line: number | undefined) {
    super(TOO_LARGE);
  }

  static at(node: Node | undefined): TooLarge {
    return new TooLarge(node ? node.startPosition.row + 1 : undefined);
  }
}

export class Budget {
  steps = 0;
  units = 0;
  depth = 0;

  constructor(readonly limits: { steps: number; units: number; depth: number } = BUDGET_LIMITS) {}

  /** Whether the pools ran dry: nothing more can be evaluated. */
  get exhausted(): boolean {
    return this.steps >= this.limits.steps || this.units >= this.limits.units;
  }

  /** One evaluation step, or `cost` of them for an operation that walks `cost` items. */
  step(node?: Node, cost = 1): void {
    if (!(cost <= this.limits.steps - this.steps)) {
      if (cost <= 1) this.steps = this.limits.steps;
      throw TooLarge.at(node);
    }
    this.steps += cost;
  }

  /** `count` new items or characters; checked before they are made, so nothing huge is ever built. */
  allocate(count: number, node?: Node): void {
    if (!(count <= this.limits.units - this.units)) throw TooLarge.at(node);
    this.units += Math.max(0, count);
  }

  /** One level deeper into nested expressions or statements; pair with `leave()` in a `finally`. */
  enter(node?: Node): void {
    if (this.depth >= this.limits.depth) throw TooLarge.at(node);
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }
}

/**
 * The budget of the evaluation running now. Evaluation is synchronous, so helpers deep inside value
 * code (repr, equality, copying) that get no Frame can still draw from it; outside an evaluation
 * they draw from nothing and never throw.
 */
let active: Budget | undefined;

export function activeBudget(): Budget | undefined {
  return active;
}

/** Runs `work` with `budget` as the active one (restoring the previous: imports nest evaluations). */
export function withBudget<T>(budget: Budget, work: () => T): T {
  const previous = active;
  active = budget;
  try {
    return work();
  } finally {
    active = previous;
  }
}

/** `cost` steps from the active budget, if any: for value helpers that walk whole structures. */
export function chargeSteps(cost: number): void {
  active?.step(undefined, cost);
}

/** `count` units from the active budget, if any: for value helpers that build strings or lists. */
export function chargeUnits(count: number): void {
  active?.allocate(count);
}
