import { Engine } from 'json-rules-engine';
import type { DecisionRule } from './decisionRules.js';
import { isInEffect } from './provenance.js';

/**
 * json-rules-engine as the reference (oracle) engine for a set of decision rules. It runs the very
 * same JSON the compiler compiles, so any disagreement between the two is a compiler bug.
 *
 * One `Engine` is built per set of rules in effect and reused. Runs are serialised: a json-rules-engine
 * `Engine` shared by concurrent `run()` calls can drop lower-priority rules (its running state is per
 * engine, not per run).
 */
export class ReferenceEngine<Event> {
  private readonly engines = new Map<string, Engine>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly rules: readonly DecisionRule<Event>[]) {}

  /** Resolves to the ids of the rules that fired, in the order of `rules`. */
  evaluate(facts: Readonly<Record<string, unknown>>, asOf?: string): Promise<string[]> {
    const run = this.queue.then(() => this.run(facts, asOf));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(facts: Readonly<Record<string, unknown>>, asOf?: string): Promise<string[]> {
    const inEffect = this.rules.filter((rule) => isInEffect(rule, asOf));
    const key = inEffect.map((rule) => rule.id).join('\n');
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new Engine([], { allowUndefinedFacts: false });
      for (const rule of inEffect) {
        engine.addRule({
          name: rule.id,
          priority: rule.priority,
          conditions: rule.conditions as never,
          event: { type: 'fired', params: { ruleId: rule.id } },
        });
      }
      this.engines.set(key, engine);
    }
    const { events } = await engine.run({ ...facts });
    const firedIds = new Set(events.map((event) => String(event.params?.ruleId)));
    return inEffect.filter((rule) => firedIds.has(rule.id)).map((rule) => rule.id);
  }
}
