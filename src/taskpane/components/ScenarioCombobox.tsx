/**
 * The scenario box: pick a scenario or type a new name. A controlled freeform Combobox whose selection is set only
 * when the text is exactly an existing scenario — setting `selectedOptions` to a typed name that is no option made
 * Fluent reset the text to the (missing) option's, emptying the box on every keystroke. While an IME composes
 * (compositionstart … compositionend) the text is kept locally and handed up only when the composition ends, so a
 * re-render never interrupts a Japanese name being typed.
 */
import { forwardRef, useEffect, useRef, useState } from 'react';
import { Combobox, Option } from '@fluentui/react-components';

export interface ScenarioComboboxProps {
  /** The scenario's name as the plan holds it ('base' …). */
  value: string;
  /** Existing scenarios: name and the label shown (基本ケース for 'base'). */
  options: { name: string; label: string }[];
  onChange: (name: string) => void;
  className?: string;
}

export const ScenarioCombobox = forwardRef<HTMLInputElement, ScenarioComboboxProps>(function ScenarioCombobox({ value, options, onChange, className }, ref) {
  const labelOf = (name: string) => options.find((o) => o.name === name)?.label ?? name;
  /** A label typed in full means that scenario ("基本ケース" → base). */
  const nameOf = (text: string) => options.find((o) => o.label === text.trim())?.name ?? text;
  const [draft, setDraft] = useState(() => labelOf(value));
  const composing = useRef(false);

  // Follow the value when it changes from outside (a line loaded for editing, a scenario created elsewhere).
  useEffect(() => {
    if (!composing.current && nameOf(draft) !== value) setDraft(labelOf(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new value from outside resets the text
  }, [value]);

  const selected = options.find((o) => o.label === draft);
  return (
    <Combobox
      className={className}
      freeform
      ref={ref}
      value={draft}
      selectedOptions={selected ? [selected.name] : []}
      onChange={(e) => {
        setDraft(e.target.value);
        if (!composing.current) onChange(nameOf(e.target.value));
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        const text = (e.target as HTMLInputElement).value;
        setDraft(text);
        onChange(nameOf(text));
      }}
      onOptionSelect={(_, d) => {
        if (d.optionValue === undefined) return;
        setDraft(labelOf(d.optionValue));
        onChange(d.optionValue);
      }}
    >
      {options.map((o) => (
        <Option key={o.name} value={o.name} text={o.label}>
          {o.label}
        </Option>
      ))}
    </Combobox>
  );
});
