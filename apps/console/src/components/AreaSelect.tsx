import { Select } from 'antd';
import { useAreas } from '../hooks';

/** 领域 picker (by code). */
export function AreaSelect(props: { value?: string | null; onChange?: (code: string | undefined) => void; placeholder?: string; style?: React.CSSProperties; id?: string }) {
  const areas = useAreas();
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={props.placeholder ?? '领域'}
      style={props.style ?? { width: 180 }}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? undefined)}
      options={areas.map((a) => ({ value: a.code, label: a.name }))}
    />
  );
}
