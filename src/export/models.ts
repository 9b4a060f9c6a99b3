/** The review-model guide's advice as Markdown: the facts, each model's fit with the policy's own reasons, what to guard against. */
import { FACT_QUESTIONS, type CaseFacts, type ModelAdvice, type ReviewModelAdvice } from '../review/models.js';
import { markdownCell, markdownTable } from './markdown.js';

const FIT_HEADINGS: Record<ModelAdvice['fit'], string> = {
  recommended: 'Recommended',
  possible: 'Possible (weigh the reasons against)',
  'not indicated': 'Not indicated by the facts given',
  'not advised': 'Not advised',
};

const answerText = (facts: CaseFacts, id: keyof CaseFacts): string => {
  const v = facts[id];
  return v === undefined ? 'not answered' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
};

const quoted = (r: { because: string; facts: string[] }): string => `- "${markdownCell(r.because)}" (${r.facts.join(', ')})\n`;

function modelSection(m: ModelAdvice): string {
  const lines = [`### ${markdownCell(m.name)}${m.combines ? ' (can be used within any other model)' : ''}\n\n`, `When it fits: "${markdownCell(m.fits)}"\n\n`];
  if (m.rulesOut.length > 0) lines.push('The policy rules it out here:\n\n', ...m.rulesOut.map(quoted), '\n');
  if (m.for.length > 0) lines.push('For it, in the policy\'s words:\n\n', ...m.for.map(quoted), '\n');
  if (m.against.length > 0) lines.push('Against it:\n\n', ...m.against.map(quoted), '\n');
  if (m.fit !== 'not advised' && m.guards.length > 0) {
    lines.push('If chosen, guard against:\n\n', ...m.guards.map((g) => `- "${markdownCell(g.drawback)}" — ${markdownCell(g.advice)}\n`), '\n');
  }
  return lines.join('');
}

export function reviewModelMarkdown(advice: ReviewModelAdvice): string {
  const parts = ['# Choosing the review model\n\n'];
  if (advice.chosen) {
    parts.push(`**Chosen: ${markdownCell(advice.chosen.name)}** (the guide's fit: ${advice.chosen.fit}). Why: ${markdownCell(advice.chosen.why)}\n\n`);
  }
  parts.push('## The facts of the case\n\n', markdownTable(['Question', 'Answer'], FACT_QUESTIONS.map((q) => [q.question, answerText(advice.facts, q.id)])), '\n');
  if (advice.unanswered.length > 0) {
    parts.push(`${advice.unanswered.length === 1 ? 'One question is' : `${advice.unanswered.length} questions are`} not answered; an answer could change the advice.\n\n`);
  }
  for (const fit of ['recommended', 'possible', 'not indicated', 'not advised'] as const) {
    const models = advice.models.filter((m) => m.fit === fit);
    if (models.length === 0) continue;
    parts.push(`## ${FIT_HEADINGS[fit]}\n\n`, ...models.map(modelSection));
  }
  return parts.join('');
}
