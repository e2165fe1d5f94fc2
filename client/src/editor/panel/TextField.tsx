import { ExpressionInput } from './ExpressionInput';
import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText } from './schema';
import { SecretSelect } from './SecretSelect';
import { TemplateInput } from './TemplateInput';
import { useFieldIds } from './useFieldIds';

function KeyIcon() {
  return (
    <svg className="pf-secret-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="5" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 8h7M12.5 8v3M15 8v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** Template fields with these names get several lines. */
const MULTILINE = /message|body|text|description|note|comment/i;

const PLACEHOLDERS: Record<string, string> = {
  duration: '30s, 15m, 4h, 2d',
  secret: 'e.g. firewall_api_token',
  expression: 'JSONata, e.g. event.severity = "high"',
};

/** A string: plain text, or the editor its `widget` names (expression, template, secret, duration). */
export function TextField({ name, schema, value, onChange, path, label, required, hideLabel }: FieldProps) {
  const { readOnly, completions } = usePanel();
  const ids = useFieldIds(path);
  const widget = typeof schema['widget'] === 'string' ? schema['widget'] : '';
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const set = (v: string) => onChange(v === '' && !required ? undefined : v);
  const fallback = typeof schema['default'] === 'string' && schema['default'] !== '' ? schema['default'] : undefined;
  const placeholder = fallback ?? PLACEHOLDERS[widget];
  const common = {
    id: ids.inputId,
    describedBy: ids.describedBy,
    invalid: ids.invalid,
    required,
    readOnly,
    placeholder,
    value: text,
    onChange: set,
    completions,
  };

  let input;
  if (widget === 'expression') input = <ExpressionInput {...common} />;
  else if (widget === 'template') input = <TemplateInput {...common} multiline={MULTILINE.test(name)} />;
  else
    input = (
      <input
        type="text"
        id={ids.inputId}
        className={`pf-input${widget ? ` pf-${widget}` : ''}`}
        value={text}
        onChange={(e) => set(e.target.value)}
        readOnly={readOnly}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid || undefined}
        aria-required={required || undefined}
      />
    );

  return (
    <FieldShell ids={ids} label={label} required={required} help={helpText(schema, 'text')} hideLabel={hideLabel}>
      {widget === 'secret' ? (
        <div className="pf-secret">
          <KeyIcon />
          <SecretSelect
            id={ids.inputId}
            value={text}
            onChange={set}
            readOnly={readOnly}
            describedBy={ids.describedBy}
            invalid={ids.invalid}
            fallback={input}
          />
        </div>
      ) : (
        input
      )}
    </FieldShell>
  );
}
