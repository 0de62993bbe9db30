import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { apiGet } from '../api';
import { useDebounced } from '../hooks';
import type { Page, TitledRef } from '../types';

export type EntityKind = 'items' | 'interpretations' | 'concerns';

/**
 * Search-as-you-type multi (or single) select over catalogue items, interpretations or concerns.
 * `known` gives titles for the ids already chosen, so they show as titles, not bare ids.
 */
export function EntityPicker(props: {
  kind: EntityKind;
  value?: string[] | string;
  onChange?: (value: string[] | string) => void;
  known?: TitledRef[];
  single?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}) {
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 250);
  const [found, setFound] = useState<TitledRef[]>([]);
  const [loading, setLoading] = useState(false);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    setTitles((previous) => {
      const next = new Map(previous);
      for (const ref of props.known ?? []) next.set(ref.id, ref.title);
      return next;
    });
  }, [props.known]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    apiGet<Page<TitledRef>>(`/api/console/${props.kind}`, { q: query, pageSize: 20 }, { quiet: true })
      .then((page) => {
        if (!live) return;
        setFound(page.items);
        setTitles((previous) => new Map([...previous, ...page.items.map((r) => [r.id, r.title] as [string, string])]));
      })
      .catch(() => live && setFound([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [props.kind, query]);

  const selected = props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const options = useMemo(() => {
    const ids = [...new Set([...selected, ...found.map((r) => r.id)])];
    return ids.map((id) => ({ value: id, label: titles.has(id) ? `${titles.get(id)}（${id}）` : id }));
  }, [found, titles, selected.join('\u0000')]);

  return (
    <Select
      id={props.id}
      mode={props.single ? undefined : 'multiple'}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={props.placeholder ?? '输入关键词搜索'}
      notFoundContent={loading ? <Spin size="small" /> : '没有匹配的结果'}
      value={props.single ? (selected[0] ?? undefined) : selected}
      onChange={(value) => props.onChange?.(value ?? (props.single ? '' : []))}
      options={options}
      style={props.style ?? { width: '100%' }}
    />
  );
}
