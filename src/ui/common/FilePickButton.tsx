import { useId, type ChangeEvent } from 'react';

interface Props {
  label: string;
  accept: string;
  onFile(file: File): void;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'quiet';
}

/**
 * A button-looking label around a visually hidden file input: one Tab stop, works with keyboard
 * and screen readers, and tests find it by its label like a person would.
 */
export function FilePickButton({ label, accept, onFile, disabled, variant = 'secondary' }: Props) {
  const id = useId();
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again must fire again
    if (file) onFile(file);
  };
  return (
    <label htmlFor={id} className={`button button--${variant} file-button ${disabled ? 'is-disabled' : ''}`}>
      {label}
      <input id={id} type="file" accept={accept} className="visually-hidden" onChange={onChange} disabled={disabled} />
    </label>
  );
}
