/**
 * A call script is a graph of steps; before one is published, every path must lead somewhere real and
 * end with an outcome, or an agent would be stranded mid-call.
 */
export interface ScriptStepShape {
  id: string;
  kind: 'question' | 'info' | 'record' | 'end';
  text: string;
  choices?: { label: string; next: string }[] | undefined;
  next?: string | null | undefined;
  outcome?: string | null | undefined;
}

export function scriptProblems(start: string, steps: ScriptStepShape[]): string[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const problems: string[] = [];
  if (byId.size !== steps.length) problems.push('Diviem soļiem ir vienāds identifikators.');
  if (!byId.has(start)) problems.push(`Sākuma solis „${start}” nav atrasts.`);
  for (const step of steps) {
    const targets = step.kind === 'question' ? (step.choices ?? []).map((c) => c.next) : step.kind === 'end' ? [] : [step.next ?? ''];
    if (step.kind === 'question' && targets.length === 0) problems.push(`Jautājumam „${step.text}” nav atbilžu variantu.`);
    if (step.kind === 'end' && !step.outcome) problems.push(`Beigu solim „${step.text}” nav norādīts iznākums.`);
    for (const target of targets) if (!byId.has(target)) problems.push(`Solis „${step.text}” ved uz neesošu soli „${target}”.`);
  }
  const reached = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() ?? '';
    const step = byId.get(id);
    if (!step || reached.has(id)) continue;
    reached.add(id);
    stack.push(...(step.choices ?? []).map((c) => c.next), ...(step.next ? [step.next] : []));
  }
  for (const step of steps) if (!reached.has(step.id)) problems.push(`Solim „${step.text}” nevar nonākt no sākuma.`);
  if (![...reached].some((id) => byId.get(id)?.kind === 'end')) problems.push('Skriptam nav neviena beigu soļa.');
  return problems;
}
