import { ApproverPicker, approverListOf } from './ApproverPicker';
import { BooleanField } from './BooleanField';
import { EnumField } from './EnumField';
import { EnumListField } from './EnumListField';
import type { FieldProps } from './fieldProps';
import { JsonField } from './JsonField';
import { ListField } from './ListField';
import { NullableField } from './NullableField';
import { NumberField } from './NumberField';
import { ObjectField } from './ObjectField';
import { usePanel } from './PanelContext';
import { RecordField } from './RecordField';
import { ScalarField } from './ScalarField';
import { fieldKind, labelOf, resolveRef } from './schema';
import { TextField } from './TextField';
import { isTimezoneField, TimezoneField } from './TimezoneField';

export type SchemaFieldProps = Omit<FieldProps, 'label'> & { label?: string };

/** Draws the field a JSON Schema shape calls for; see `fieldKind`. */
export function SchemaField(props: SchemaFieldProps) {
  const { root } = usePanel();
  const schema = resolveRef(root, props.schema);
  const p: FieldProps = { ...props, schema, label: props.label ?? labelOf(props.name, schema) };
  const approvers = approverListOf(props.name, props.path);
  if (approvers) return <ApproverPicker {...p} list={approvers} />;
  if (isTimezoneField(props.name, props.path)) return <TimezoneField {...p} />;
  switch (fieldKind(schema)) {
    case 'text':
      return <TextField {...p} />;
    case 'enum':
      return <EnumField {...p} />;
    case 'number':
      return <NumberField {...p} />;
    case 'boolean':
      return <BooleanField {...p} />;
    case 'object':
      return <ObjectField {...p} />;
    case 'record':
      return <RecordField {...p} />;
    case 'list':
      return <ListField {...p} />;
    case 'enumList':
      return <EnumListField {...p} />;
    case 'scalar':
      return <ScalarField {...p} />;
    case 'nullable':
      return <NullableField {...p} />;
    case 'json':
      return <JsonField {...p} />;
  }
}
