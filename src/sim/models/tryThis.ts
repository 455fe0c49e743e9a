import type { z } from 'zod';
import { bpActionSchema, bpConfigSchema, type BpAction, type BpConfig } from './backpressure';
import { chainActionSchema, chainConfigSchema, type ChainAction, type ChainConfig } from './chain';
import { deliveryActionSchema, deliveryConfigSchema, type DeliveryAction, type DeliveryConfig } from './delivery';
import { messagingActionSchema, messagingConfigSchema, type MessagingAction, type MessagingConfig } from './messaging';
import { tryThisFileSchema, type TryThisItem } from './scenario';

/** Schemas for content/interactives/<id>.yaml, one per interactive. */
export const deliveryTryThisSchema = tryThisFileSchema<DeliveryConfig, DeliveryAction>(deliveryConfigSchema.partial() as z.ZodType<Partial<DeliveryConfig>>, deliveryActionSchema);
export const backpressureTryThisSchema = tryThisFileSchema<BpConfig, BpAction>(bpConfigSchema.partial() as z.ZodType<Partial<BpConfig>>, bpActionSchema);
export const chainTryThisSchema = tryThisFileSchema<ChainConfig, ChainAction>(chainConfigSchema.partial() as z.ZodType<Partial<ChainConfig>>, chainActionSchema);
export const messagingTryThisSchema = tryThisFileSchema<MessagingConfig, MessagingAction>(messagingConfigSchema.partial() as z.ZodType<Partial<MessagingConfig>>, messagingActionSchema);

export interface TryThisFile<C, A> {
  interactive: string;
  items: TryThisItem<C, A>[];
}

/** Parses a try-this file; throws with the first problem, naming the file. */
export function parseTryThis<C, A>(name: string, schema: z.ZodType<TryThisFile<C, A>>, data: unknown): TryThisFile<C, A> {
  const r = schema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`content/interactives/${name}.yaml: ${i ? `${i.path.join('.')}: ${i.message}` : 'invalid'}`);
  }
  if (r.data.interactive !== name) throw new Error(`content/interactives/${name}.yaml says it is for "${r.data.interactive}"`);
  return r.data;
}
