/** The operations the gateway benchmark sends, each the same for every gateway. */

/** The README's example query (patients matching "gar", first 20), from all three subgraphs. */
export const README_QUERY = `{
  patients(first: 20, filter: { search: "gar" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      firstName
      lastName
      organization { name ehrSystem { name } }
      clinicalHistory(lang: ES) { allergies symptoms }
      ehrSystem { name mapping { version fields { source target endpoint } } }
    }
  }
}`;

/** Fifty patients with fields from the patient, clinical and ehr subgraphs. */
export const FIFTY_PATIENTS_QUERY = `{
  patients(first: 50) {
    nodes {
      id
      firstName
      lastName
      dateOfBirth
      organization { name ehrSystem { name } }
      clinicalHistory { allergies symptoms }
      ehrSystem { name }
    }
  }
}`;

export const BENCH_QUERIES = [
  { name: 'README query', query: README_QUERY },
  { name: '50 patients', query: FIFTY_PATIENTS_QUERY },
] as const;
