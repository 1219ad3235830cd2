// The Findings view: one row per finding (severity, message, rule, line and column); activating
// a row asks the extension to select the finding's range in the editor. Text nodes only.
import { MAX_LISTED_FINDINGS, type FindingItem } from '../shared/previewProtocol';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

export function renderFindings(
  list: HTMLElement,
  empty: HTMLElement,
  findings: readonly FindingItem[],
  total: number,
  reveal: (finding: FindingItem) => void,
): void {
  const items: HTMLElement[] = [];
  for (const f of findings.slice(0, MAX_LISTED_FINDINGS)) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `finding sev-${f.severity}`;
    button.title = 'Show in the editor';
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = SEVERITY_LABEL[f.severity];
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = f.message;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${f.rule} · Ln ${f.line}, Col ${f.column}`;
    button.append(sev, message, where);
    button.addEventListener('click', () => reveal(f));
    li.appendChild(button);
    items.push(li);
  }
  if (total > findings.length) {
    const more = document.createElement('li');
    more.className = 'more';
    more.textContent = `and ${total - findings.length} more (see the Problems panel)`;
    items.push(more);
  }
  list.replaceChildren(...items);
  empty.hidden = total > 0;
}
