/**
 * FHIR `OperationOutcome`s, the body of every FHIR error answer. Diagnostics describe the problem
 * in words and never repeat a submitted value: request values are PHI.
 */

/** The FHIR R4 IssueType codes the sandbox uses. */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'processing'
  | 'not-supported'
  | 'not-found'
  | 'multiple-matches'
  | 'conflict'
  | 'too-costly'
  | 'transient'
  | 'exception';

export interface Issue {
  severity: 'error';
  code: IssueCode;
  diagnostics: string;
  /** FHIRPath-style locations, e.g. `Bundle.entry[1].resource.status`. */
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: Issue[];
}

export function issue(code: IssueCode, diagnostics: string, expression?: string): Issue {
  return expression === undefined
    ? { severity: 'error', code, diagnostics }
    : { severity: 'error', code, diagnostics, expression: [expression] };
}

export function operationOutcome(issues: readonly Issue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [...issues] };
}

/** A refused FHIR request: its HTTP status and the outcome that explains it. */
export class FhirError extends Error {
  override name = 'FhirError';
  readonly issues: Issue[];

  constructor(
    readonly status: number,
    issues: Issue | readonly Issue[],
    /** Headers the answer carries, e.g. `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    const list = Array.isArray(issues) ? [...(issues as readonly Issue[])] : [issues as Issue];
    super(list.map((entry) => entry.diagnostics).join('; '));
    this.issues = list;
  }

  get outcome(): OperationOutcome {
    return operationOutcome(this.issues);
  }
}
