import type { ComponentType } from 'react';
import { BackpressurePropagation } from './BackpressurePropagation';
import { KafkaMentalModel } from './KafkaMentalModel';

export interface DiagramProps {
  titleId: string;
  descId: string;
}

export const diagrams: Record<string, ComponentType<DiagramProps>> = {
  'kafka-mental-model': KafkaMentalModel,
  'backpressure-propagation': BackpressurePropagation,
};
