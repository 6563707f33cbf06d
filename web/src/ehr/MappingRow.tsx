import type { ReactNode } from 'react';
import type { TransformKind } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';
import { rowCodeProblems, type DraftRow } from './draft';
import type { Endpoint } from './operations';
import type { Column } from './problems';

const TRANSFORMS: readonly TransformKind[] = ['DATE_FORMAT', 'CODE_TABLE'];

/** The ids of a row's controls, so the editor can move the focus to them. */
export function rowControlId(prefix: string, rowId: string, control: Column | 'remove'): string {
  return `${prefix}-${rowId}-${control}`;
}

/** The id of a row's code table, so the editor can take the focus to a line to fix. */
export function codeTableId(prefix: string, rowId: string): string {
  return `${rowControlId(prefix, rowId, 'transform')}-codes`;
}

/** Label, invalid state and the description that carries the row's errors for one control. */
function controlProps(id: string, label: string, errors: string[] | undefined) {
  return {
    id,
    'aria-label': label,
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': errors ? `${id}-error` : undefined,
  };
}

function Errors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      {errors.join(' ')}
    </p>
  );
}

/** One mapping entry: source, endpoint, target and transform, each labelled with its row number. */
export function MappingRow({
  row,
  number,
  idPrefix,
  endpoints,
  sourceOptions,
  knownSources,
  problems,
  onChange,
  onRemove,
}: {
  row: DraftRow;
  number: number;
  idPrefix: string;
  endpoints: readonly Endpoint[];
  /** The `<option>`s of the source select, shared by every row, and their values. */
  sourceOptions: ReactNode;
  knownSources: ReadonlySet<string>;
  problems: Partial<Record<Column, string[]>>;
  onChange: (patch: Partial<DraftRow>, column: Column) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const id = (control: Column) => rowControlId(idPrefix, row.id, control);
  const label = (key: Parameters<typeof t>[0]) => t(key, { row: number });
  const endpoint = endpoints.find((e) => e.path === row.endpoint);
  // Lines the server would refuse, said as they are typed (publishing waits until they are fixed).
  const codeErrors = rowCodeProblems(row).map(({ line, problem }) => t(`ehr.codes.${problem}`, { line }));
  const codesId = codeTableId(idPrefix, row.id);
  const invalid = Object.keys(problems).length > 0 || codeErrors.length > 0;

  return (
    <tr className={invalid ? 'ehr-row--invalid' : undefined}>
      <th scope="row">{number}</th>
      <td className={problems.source ? 'field--invalid' : undefined}>
        <select
          {...controlProps(id('source'), label('ehr.row.source'), problems.source)}
          value={row.source}
          onChange={(event) => onChange({ source: event.target.value }, 'source')}
        >
          <option value="">{t('ehr.row.chooseSource')}</option>
          {sourceOptions}
          {row.source !== '' && !knownSources.has(row.source) && <option value={row.source}>{row.source}</option>}
        </select>
        <Errors id={id('source')} errors={problems.source} />
      </td>
      <td className={problems.endpoint ? 'field--invalid' : undefined}>
        <select
          {...controlProps(id('endpoint'), label('ehr.row.endpoint'), problems.endpoint)}
          value={row.endpoint}
          onChange={(event) => {
            const next = endpoints.find((e) => e.path === event.target.value);
            // A target belongs to one endpoint: keep it only where the new endpoint accepts it too.
            const keep = next?.keys.some((k) => k.name === row.target) ?? false;
            onChange({ endpoint: event.target.value, target: keep ? row.target : '' }, 'endpoint');
          }}
        >
          <option value="">{t('ehr.row.chooseEndpoint')}</option>
          {endpoints.map((e) => (
            <option key={e.path} value={e.path}>
              {e.path}
            </option>
          ))}
          {row.endpoint !== '' && !endpoint && <option value={row.endpoint}>{row.endpoint}</option>}
        </select>
        <Errors id={id('endpoint')} errors={problems.endpoint} />
      </td>
      <td className={problems.target ? 'field--invalid' : undefined}>
        <select
          {...controlProps(id('target'), label('ehr.row.target'), problems.target)}
          value={row.target}
          onChange={(event) => onChange({ target: event.target.value }, 'target')}
        >
          <option value="">{endpoint ? t('ehr.row.chooseTarget') : t('ehr.row.endpointFirst')}</option>
          {endpoint?.keys.map((key) => (
            <option key={key.name} value={key.name}>
              {key.required ? t('ehr.row.requiredKey', { key: key.name }) : key.name}
            </option>
          ))}
          {row.target !== '' && !endpoint?.keys.some((k) => k.name === row.target) && (
            <option value={row.target}>{t('ehr.row.unknownKey', { key: row.target })}</option>
          )}
        </select>
        <Errors id={id('target')} errors={problems.target} />
      </td>
      <td className={problems.transform ? 'field--invalid ehr-transform' : 'ehr-transform'}>
        <select
          {...controlProps(id('transform'), label('ehr.row.transform'), problems.transform)}
          value={row.transformKind}
          onChange={(event) => onChange({ transformKind: event.target.value as TransformKind | '' }, 'transform')}
        >
          <option value="">{t('ehr.transform.none')}</option>
          {TRANSFORMS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`ehr.transform.${kind}`)}
            </option>
          ))}
        </select>
        {row.transformKind === 'DATE_FORMAT' && (
          <input
            aria-label={label('ehr.row.dateFormat')}
            value={row.dateFormat}
            placeholder="MM/DD/YYYY"
            onChange={(event) => onChange({ dateFormat: event.target.value }, 'transform')}
          />
        )}
        {row.transformKind === 'CODE_TABLE' && (
          <textarea
            id={codesId}
            aria-label={label('ehr.row.codes')}
            aria-invalid={codeErrors.length > 0 || undefined}
            aria-describedby={
              codeErrors.length > 0 ? `${idPrefix}-codes-hint ${codesId}-error` : `${idPrefix}-codes-hint`
            }
            className={codeErrors.length > 0 ? 'ehr-codes--invalid' : undefined}
            rows={3}
            value={row.codes}
            placeholder="FEMALE=F"
            onChange={(event) => onChange({ codes: event.target.value }, 'transform')}
          />
        )}
        {row.transformKind === 'CODE_TABLE' && (
          <Errors id={codesId} errors={codeErrors.length > 0 ? codeErrors : undefined} />
        )}
        <Errors id={id('transform')} errors={problems.transform} />
      </td>
      <td>
        <button
          type="button"
          id={rowControlId(idPrefix, row.id, 'remove')}
          className="button button--secondary"
          onClick={onRemove}
        >
          {label('ehr.row.remove')}
        </button>
      </td>
    </tr>
  );
}
