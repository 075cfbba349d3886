import { existsSync } from 'node:fs';
import path from 'node:path';
import { writesSimply } from '../../../src/domain/routing/simple-writing';
import { readLabelledFile } from '../../../src/storage/labelled-file';

describe('simple writing, as someone learning the language writes', () => {
  it.each([
    'Jag är ny i Sverige. Jag vill prata svenska med någon. Var finns språkcafé?',
    'Min mamma är sjuk. Jag hjälper henne varje dag. Jag är trött. Finns det hjälp för mig?',
    'Jag har bil. Jag vill hjälpa om det blir kris.',
  ])('is seen in "%s"', (text) => {
    expect(writesSimply(text)).toBe(true);
  });

  it.each([
    // One sentence says too little to tell.
    'Hur söker vi bidrag?',
    // Commas, long sentences and compounds are fluent writing.
    'Vår förening i Stenhamra ordnar läxhjälp för nyanlända barn, och vi undrar om vi kan söka verksamhetsstöd.',
    'Vi vill söka verksamhetsstöd för vår anhörigförening. Hur ser ansökningsförfarandet ut?',
    // Natives texting: short, but loose.
    'kan ja hjalpa t nar det blir storm igen? har motorsag o traktor',
  ])('is not seen in "%s"', (text) => {
    expect(writesSimply(text)).toBe(false);
  });

  const files = ['routing-dev.jsonl', 'routing-dev-2.jsonl'].map((name) => path.join(__dirname, '..', '..', '..', '..', 'shared', 'eval', name));
  const run = files.every((file) => existsSync(file)) ? it : it.skip;
  run('reaches most of the labelled easy Swedish and hardly any other Swedish (the shared labelled files)', () => {
    const samples = files.flatMap((file) => readLabelledFile(file));
    const share = (lang: string) => {
      const group = samples.filter((sample) => sample.lang === lang);
      return group.filter((sample) => writesSimply(sample.text)).length / group.length;
    };
    expect(share('sv-easy')).toBeGreaterThan(0.85);
    expect(share('sv')).toBeLessThan(0.02);
  });
});
