// The preview's focus control: narrows the picture to one host, VM, tenant or service with its
// context (src/core/render/focus.ts draws it; the extension renders). A text box with the
// model's hosts, VMs, tenants and services to pick from (a datalist: type to filter), and a
// button that shows everything again. Shift+click on a node in the picture focuses it too
// (main.ts). The choice is a focus value ("node:ID", "tenant:NAME", "service:NAME"), kept in
// the webview's state and sent with the options, so it holds across live updates and reloads.

export interface FocusChoice {
  readonly value: string;
  readonly label: string;
}

export interface FocusControl {
  /** The focus value chosen, or undefined for the whole picture. */
  readonly value: string | undefined;
  /** Choose a focus (or none) as the user would: the box shows it and `onChange` is told. */
  choose(value: string | undefined): void;
  /** What the extension drew: the focus's label, or that it names nothing in the model. */
  showApplied(applied: { value: string; label: string; missing: boolean } | undefined): void;
  /** The hosts, VMs, tenants and services to offer. */
  setChoices(choices: readonly FocusChoice[]): void;
}

const KINDS = /^(host|vm|tenant|service)\s+(\S+)$/;

/** The focus value that text typed in the box stands for ("vm node1", "tenant shop", or a bare id). */
export function focusValueOfText(text: string, choices: readonly FocusChoice[]): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const known = choices.find((c) => c.label === t || c.value === t);
  if (known) return known.value;
  const m = KINDS.exec(t);
  if (m) return m[1] === 'tenant' || m[1] === 'service' ? `${m[1]}:${m[2]}` : `node:${m[2]}`;
  return /^(node|tenant|service):\S/.test(t) ? t : `node:${t}`;
}

/** How the box shows a focus value: its choice's label, else the value's name. */
function textOfValue(value: string, choices: readonly FocusChoice[]): string {
  const known = choices.find((c) => c.value === value);
  if (known) return known.label;
  const colon = value.indexOf(':');
  const what = value.slice(0, colon);
  return what === 'node' ? value.slice(colon + 1) : `${what} ${value.slice(colon + 1)}`;
}

/** Adds the control to the toolbar, before `before` (or at its end). */
export function mountFocusControl(toolbar: Element, before: Element | null, initial: string | undefined, onChange: (value: string | undefined) => void): FocusControl {
  const group = document.createElement('div');
  group.className = 'group focus-group';
  group.dataset.for = 'layers mermaid';
  const label = document.createElement('label');
  label.textContent = 'Focus ';
  const input = document.createElement('input');
  input.type = 'text';
  input.id = 'focus-input';
  input.setAttribute('list', 'focus-choices');
  input.placeholder = 'host, VM, tenant or service';
  input.title = 'Narrow the picture to one host, VM, tenant or service with its context (or Shift+click a node). Empty: everything.';
  input.spellcheck = false;
  input.autocomplete = 'off';
  label.appendChild(input);
  const list = document.createElement('datalist');
  list.id = 'focus-choices';
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.id = 'focus-clear';
  clear.textContent = 'All';
  clear.title = 'Show everything (clear the focus)';
  group.append(label, list, clear);
  toolbar.insertBefore(group, before);

  let choices: readonly FocusChoice[] = [];
  let value = initial;
  const show = () => {
    input.value = value === undefined ? '' : textOfValue(value, choices);
    clear.disabled = value === undefined;
    group.classList.toggle('focused', value !== undefined);
  };
  const control: FocusControl = {
    get value() {
      return value;
    },
    choose(next) {
      if (next === value) {
        show();
        return;
      }
      value = next;
      input.classList.remove('missing');
      show();
      onChange(value);
    },
    showApplied(applied) {
      input.classList.toggle('missing', applied?.missing === true);
      input.title = applied?.missing ? `Nothing named '${textOfValue(applied.value, choices)}' in this model: showing everything.` : applied ? `Focused on ${applied.label} with its context.` : 'Narrow the picture to one host, VM, tenant or service with its context (or Shift+click a node). Empty: everything.';
    },
    setChoices(next) {
      choices = next;
      const options = next.map((c) => {
        const o = document.createElement('option');
        o.value = c.label;
        return o;
      });
      list.replaceChildren(...options);
      if (document.activeElement !== input) show();
    },
  };
  input.addEventListener('change', () => control.choose(focusValueOfText(input.value, choices)));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') control.choose(undefined);
  });
  clear.addEventListener('click', () => control.choose(undefined));
  show();
  return control;
}
