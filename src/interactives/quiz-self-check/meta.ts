import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'quiz-self-check',
  title: 'Self-check: four questions',
  description: 'Answer the four self-check questions and get each one graded at once, with the reasoning and a link to the lesson or scenario behind it.',
};
