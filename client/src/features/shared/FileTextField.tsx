import { useState } from 'react';
import { FormField } from '../credentials/FormField';
import { readText } from './readText';

/**
 * A file picker whose file is read here, in the browser, and handed over as text. A file
 * larger than `max` bytes is refused before reading; a refusal is told under the field.
 */
export function FileTextField({
  label,
  help,
  accept,
  max,
  maxWords,
  testId,
  onText,
}: {
  label: string;
  help?: string | undefined;
  accept: string;
  max: number;
  /** `max` in words, for the refusal: "2 MB". */
  maxWords: string;
  testId?: string | undefined;
  onText(text: string): void;
}) {
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > max) {
      setFileError(`${file.name} is larger than ${maxWords}`);
      return;
    }
    try {
      onText(await readText(file));
    } catch (e) {
      setFileError(`${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <FormField label={label} errors={fileError ? [fileError] : []} help={help}>
      {(props) => (
        <input
          {...props}
          type="file"
          accept={accept}
          data-testid={testId}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      )}
    </FormField>
  );
}
