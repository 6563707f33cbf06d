import { Problems } from '@carebridge/common';
import type { FieldMappingRecord } from '../data/records';
import { copyField, type FieldMappingLike } from '../mapping/store';
import { acceptsSource, fhirTarget } from './catalogue';
import { buildBundle } from './bundle';
import { syntheticRecords } from './synthetic';
import { validateBundle } from './validate';

/**
 * What a FHIR R4 system adds to the checks every mapping passes (`mapping/validate.ts`, which
 * already refuses unknown resource types and element paths): each target takes its own kind of
 * source, transforms only on scalar elements, and the Bundles the mapping makes of fictional
 * records (`synthetic.ts`) are valid FHIR R4. A problem is put on the field that fills the element
 * at fault (`fields[3].target`), or on `fields` when no field does (a required element unmapped),
 * and names element paths and FHIR's reasons only.
 */

/** The element a target fills: `Patient.telecom:phone` fills `telecom`. */
const elementOf = (target: string): string => target.split('.')[1]?.split(':')[0] ?? '';

/** `Bundle.entry[2].resource.birthDate[0]` → entry 2, element path `birthDate[0]`. */
const ENTRY_PATH = /^Bundle\.entry\[(\d+)\]\.resource\.?(.*)$/;

export function validateFhirMapping(fields: readonly FieldMappingLike[]): Problems {
  const problems = new Problems();
  fields.forEach((field, i) => {
    const target = fhirTarget(field.endpoint, field.target);
    // Unknown endpoints and targets are the common validation's.
    if (!target) return;
    if (!acceptsSource(target, field.source)) {
      const sources = target.sources.map((s) => (s.endsWith(':') ? `${s}<linkId>` : s)).join(' or ');
      problems.add(`fields[${i}].source`, `must be ${sources} for ${field.target}`);
    }
    if (field.transform && !target.transformable) {
      problems.add(`fields[${i}].transform`, `is not supported on ${field.target}`);
    }
  });
  if (!problems.empty) return problems;

  const mapping = { fields: fields.map(copyField) };
  const seen = new Set<string>();
  for (const record of syntheticRecords(fields)) {
    const bundle = buildBundle(record, mapping, 'all');
    for (const problem of validateBundle(bundle)) {
      const match = ENTRY_PATH.exec(problem.path);
      const resourceType = match ? bundle.entry?.[Number(match[1])]?.resource?.resourceType : undefined;
      const element = match?.[2] ?? '';
      const at = resourceType ? fieldAt(mapping.fields, resourceType, element.split(/[.[]/)[0] ?? '') : undefined;
      const where = resourceType ? `${resourceType}${element ? `.${element}` : ''}` : problem.path;
      const [field, message] =
        at === undefined
          ? ['fields', `${where}: ${problem.message}`]
          : [`fields[${at}].target`, `makes ${where} invalid FHIR R4: ${problem.message}`];
      const key = `${field}\u0000${message}`;
      if (!seen.has(key)) problems.add(field, message);
      seen.add(key);
    }
  }
  return problems;
}

/** The index of the field that fills `element` of `resourceType`, if one does. */
function fieldAt(fields: readonly FieldMappingRecord[], resourceType: string, element: string): number | undefined {
  const index = fields.findIndex((f) => f.endpoint === resourceType && elementOf(f.target) === element);
  return index === -1 ? undefined : index;
}
