import { describe, expect, it } from 'vitest';
import backpressureYaml from '../../../content/interactives/backpressure.yaml';
import chainYaml from '../../../content/interactives/backpressure-chain.yaml';
import deliveryYaml from '../../../content/interactives/delivery-guarantees.yaml';
import messagingYaml from '../../../content/interactives/messaging-models.yaml';
import { BP_DEFAULTS, backpressureModel } from './backpressure';
import { CHAIN_DEFAULTS, chainModel } from './chain';
import type { Model } from './common';
import { DELIVERY_DEFAULTS, deliveryModel } from './delivery';
import { MESSAGING_DEFAULTS, messagingModel } from './messaging';
import { checkExpectation, runScenario, type TryThisItem } from './scenario';
import { backpressureTryThisSchema, chainTryThisSchema, deliveryTryThisSchema, messagingTryThisSchema, parseTryThis } from './tryThis';

// Every "try this" prompt shown beside an interactive promises an outcome; run the same
// experiment through the model and check the promise.
function checkAll<C, S extends { tick: number }, A>(model: Model<C, S, A>, defaults: C, items: TryThisItem<C, A>[]) {
  for (const item of items) {
    it(`${item.id}: ${item.prompt}`, () => {
      const { state } = runScenario(model, { ...defaults, ...item.setup }, item.seed, item.steps);
      const m = model.metrics(state);
      for (const e of item.expect) {
        const r = checkExpectation(m, e);
        expect(r.ok, r.text).toBe(true);
      }
    });
  }
}

describe('try this: delivery guarantees', () => {
  checkAll(deliveryModel, DELIVERY_DEFAULTS, parseTryThis('delivery-guarantees', deliveryTryThisSchema, deliveryYaml).items);
});
describe('try this: backpressure', () => {
  checkAll(backpressureModel, BP_DEFAULTS, parseTryThis('backpressure', backpressureTryThisSchema, backpressureYaml).items);
});
describe('try this: backpressure chain', () => {
  checkAll(chainModel, CHAIN_DEFAULTS, parseTryThis('backpressure-chain', chainTryThisSchema, chainYaml).items);
});
describe('try this: messaging models', () => {
  checkAll(messagingModel, MESSAGING_DEFAULTS, parseTryThis('messaging-models', messagingTryThisSchema, messagingYaml).items);
});

describe('try-this files are validated', () => {
  it('rejects an unknown metric comparison shape and a wrong interactive name', () => {
    const bad = { interactive: 'backpressure', items: [{ id: 'x', prompt: 'long enough prompt', outcome: 'long enough outcome', setup: {}, steps: [{ runSeconds: 1 }], expect: [{ metric: 'a', op: '==' }] }] };
    expect(() => parseTryThis('backpressure', backpressureTryThisSchema, bad)).toThrow(/value or metric2/);
    expect(() => parseTryThis('delivery-guarantees', deliveryTryThisSchema, { ...deliveryYaml as object, interactive: 'other' })).toThrow(/says it is for/);
  });
  it('rejects a setup value out of range', () => {
    const bad = { interactive: 'backpressure', items: [{ id: 'x', prompt: 'long enough prompt', outcome: 'long enough outcome', setup: { bufferSize: -5 }, steps: [{ runSeconds: 1 }], expect: [{ metric: 'depth', op: '==', value: 0 }] }] };
    expect(() => parseTryThis('backpressure', backpressureTryThisSchema, bad)).toThrow(/bufferSize/);
  });
  it('an expectation on a metric that does not exist fails rather than passes', () => {
    expect(checkExpectation({ a: 1 }, { metric: 'nope', op: '==', value: 1 }).ok).toBe(false);
  });
});
