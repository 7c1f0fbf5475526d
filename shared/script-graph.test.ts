import { describe, expect, it } from 'vitest';
import { scriptProblems, type ScriptStepShape } from './script-graph';

const steps: ScriptStepShape[] = [
  { id: 'q1', kind: 'question', text: 'Vai zvanītājs ir pensionārs?', choices: [{ label: 'Jā', next: 'i1' }, { label: 'Nē', next: 'e2' }] },
  { id: 'i1', kind: 'info', text: 'Pastāstiet par pensijas pārrēķinu.', next: 'e1' },
  { id: 'e1', kind: 'end', text: 'Informēts', outcome: 'informed' },
  { id: 'e2', kind: 'end', text: 'Pāradresēts', outcome: 'referred' },
];

describe('call script graph check', () => {
  it('accepts a script where every path ends with an outcome', () => {
    expect(scriptProblems('q1', steps)).toEqual([]);
  });

  it('names dangling links, unreachable steps and ends without an outcome', () => {
    const broken = [...steps.slice(0, 2), { id: 'e1', kind: 'end' as const, text: 'Informēts' }, { id: 'x', kind: 'info' as const, text: 'Aizmirsts', next: 'nav' }];
    const problems = scriptProblems('q1', broken);
    expect(problems).toContain('Solis „Vai zvanītājs ir pensionārs?” ved uz neesošu soli „e2”.');
    expect(problems).toContain('Beigu solim „Informēts” nav norādīts iznākums.');
    expect(problems).toContain('Solim „Aizmirsts” nevar nonākt no sākuma.');
  });
});
